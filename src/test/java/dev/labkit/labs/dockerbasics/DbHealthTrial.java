package dev.labkit.labs.dockerbasics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.run.LabContext;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * db's health check judged by what it does: db started with the PostgreSQL server held back (the
 * container runs {@code sleep} instead of the server; the learner's health check, environment and
 * volumes stay), so nothing accepts connections. Docker must not call it healthy.
 *
 * <p>Why held back rather than stopped: the server is PID 1 of the postgres image, so stopping it
 * ends the container and Docker stops checking; pausing freezes the check too. And why not watch a
 * first start: the image's initdb runs a temporary server on the socket, so a check can pass there
 * by timing. Held back, nothing answers for as long as the trial runs: the same verdict on every
 * machine. The kit's override only shortens the check's timing (every second, no start period, two
 * retries), so the verdict comes within seconds; the test itself is the learner's.
 */
final class DbHealthTrial {

  /**
   * Two failed checks a second apart make db unhealthy; a minute covers a slow check timing out.
   */
  static final Duration LIMIT = Duration.ofSeconds(60);

  static final String HELD_BACK =
      """
          entrypoint: ["sleep", "infinity"]
          command: !reset []
          stop_signal: SIGKILL
          healthcheck:
            interval: 1s
            start_period: 0s
            retries: 2
      """;

  private DbHealthTrial() {}

  static List<Problem> run(LabContext lab, StagedLab staged, JsonNode model) {
    var project = NotesStack.project(lab, staged, model, "dbhealth", HELD_BACK);
    // --wait returns once db is healthy, or fails once it is unhealthy: either is the verdict.
    lab.console().step("compose up db with PostgreSQL held back", () -> project.up(LIMIT, "db"));
    var db = project.containers("db");
    var health =
        db.isEmpty()
            ? Optional.<String>empty()
            : Optional.ofNullable(db.get(0).getState().getHealth()).map(h -> h.getStatus());
    var problems = judge(health, model.path("services").path("db").path("healthcheck"));
    project.close();
    return problems;
  }

  /** db must not be healthy while no server runs; {@code healthcheck} is the learner's. */
  static List<Problem> judge(Optional<String> health, JsonNode healthcheck) {
    if (!health.equals(Optional.of("healthy"))) {
      return List.of();
    }
    return List.of(
        Problem.in(StagedLab.COMPOSE, "db's health check passes while PostgreSQL is not running")
            .expected("db not healthy while its server does not accept connections")
            .actual("healthy, with PostgreSQL held back in db; test: " + healthcheck.path("test"))
            .hint(
                "A health check must ask the server itself: test: [\"CMD-SHELL\", \"pg_isready -U"
                    + " notes -d notes\"]. One that always succeeds lets api start before"
                    + " PostgreSQL accepts connections, and the api does not retry."));
  }
}
