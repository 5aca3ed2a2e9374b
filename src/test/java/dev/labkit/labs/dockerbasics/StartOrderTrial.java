package dev.labkit.labs.dockerbasics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.run.LabContext;
import java.util.List;

/**
 * The whole stack started at once on a fresh volume, the way a learner types docker compose up: api
 * must start once, after db is healthy, and stay up. A project of its own, so the shared stack's
 * data and order do not help.
 */
final class StartOrderTrial {

  private StartOrderTrial() {}

  static List<Problem> run(LabContext lab, StagedLab staged, JsonNode model) {
    var project = NotesStack.project(lab, staged, model, "order");
    var up =
        lab.console()
            .step(
                "compose up (all at once, fresh volume)",
                () -> project.start(NotesStack.UP_LIMIT.plusMinutes(5)));
    // Not up --wait (api's own health check is port-and-healthcheck's question): up returns once
    // api started, after db met its depends_on condition; an api that started too early exits,
    // or restarts, when it first reaches for the database.
    var port = project.hostPort("api", 8080);
    var answers = up.succeeded() && port.isPresent() && NotesStack.awaitApi(project, port.get());
    var api = project.containers("api");
    var restarts = api.isEmpty() ? 0 : api.get(0).getRestartCount();
    var running = !api.isEmpty() && Boolean.TRUE.equals(api.get(0).getState().getRunning());
    if (answers && running && restarts == 0) {
      return List.of();
    }
    return List.of(
        Problem.in(
                StagedLab.COMPOSE, "api does not start cleanly when the whole stack starts at once")
            .expected("docker compose up: api starts once, after db is healthy, and stays up")
            .actual(
                (api.isEmpty()
                        ? "no api container"
                        : "api "
                            + api.get(0).getState().getStatus()
                            + ", restarted "
                            + restarts
                            + " times")
                    + "; api's last log lines:\n"
                    + project.logs("api", 8)
                    + "\n"
                    + up.tail(4))
            .hint(
                "A restart policy hides the race, it does not fix it: order the start with depends_on and a health check."));
  }
}
