package dev.labkit.labs.dockerbasics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.labkit.harness.compose.ComposeProject;
import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.http.HttpSpecs;
import dev.labkit.harness.run.LabContext;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The learner's stack brought up once for compose-up and data-survives: db, then api (see {@link
 * NotesStack#upOneByOne}), with api's port on the host; or why api never answered.
 */
record RunningStack(ComposeProject project, int port, Optional<Problem> problem) {

  static RunningStack start(LabContext lab, StagedLab staged, JsonNode model) {
    var project = NotesStack.project(lab, staged, model, "stack");
    lab.closeAtEnd(new KeptNotesStack(project));
    var up = lab.console().step("compose up db, then api", () -> NotesStack.upOneByOne(project));
    var port = project.hostPort("api", 8080);
    if (!up.succeeded() || port.isEmpty() || !NotesStack.awaitApi(project, port.get())) {
      return new RunningStack(
          project,
          -1,
          Optional.of(
              Problem.in(StagedLab.COMPOSE, "docker compose up does not bring api up")
                  .expected(
                      "db healthy, then api answering GET /health within "
                          + NotesStack.API_ANSWER_LIMIT.toSeconds()
                          + " s")
                  .actual(up.tail(6) + "\napi's last log lines:\n" + project.logs("api", 10))
                  .hint(
                      "Read api's log: a database it cannot reach, or settings it lacks, stop it at once.")));
    }
    return new RunningStack(project, port.get(), Optional.empty());
  }

  /** A variable of the api container's environment, as Compose set it. */
  Optional<String> apiEnvironment(String name) {
    var api = project.containers("api").get(0);
    return ComposeRules.environment(api.getConfig().getEnv(), name);
  }

  /** Stores a note through the api and lists the notes: what compose-up asks of the stack. */
  List<Problem> storesNotes() {
    var text = "labkit note " + UUID.randomUUID();
    var written = notes(port).body(text).post("/notes");
    var listed = notes(port).get("/notes");
    return ComposeRules.notesStored(
        written.statusCode(),
        written.asString(),
        listed.statusCode(),
        listed.asString().contains(text));
  }

  /** A request to the api published on {@code port} of this machine. */
  static RequestSpecification notes(int port) {
    return RestAssured.given().spec(HttpSpecs.http(port));
  }
}
