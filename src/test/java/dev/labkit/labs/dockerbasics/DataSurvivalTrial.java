package dev.labkit.labs.dockerbasics;

import dev.labkit.harness.feedback.Problem;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A note written to the running stack must survive docker compose down and up (a named volume), and
 * be gone after down -v (no bind mount, which down -v never touches). Runs on the shared stack and
 * takes it down, so it comes last.
 */
final class DataSurvivalTrial {

  private DataSurvivalTrial() {}

  static List<Problem> run(RunningStack stack) {
    var project = stack.project();
    var text = "survives " + UUID.randomUUID();
    var written = RunningStack.notes(stack.port()).body(text).post("/notes");
    Assumptions.assumeTrue(
        written.statusCode() == 201, "the api cannot store notes (see compose-up)");
    project.down(false);
    var again = NotesStack.upOneByOne(project);
    var port = project.hostPort("api", 8080);
    Assumptions.assumeTrue(
        again.succeeded() && port.isPresent() && NotesStack.awaitApi(project, port.get()),
        "the stack does not start again after down: " + again.tail(3));
    var kept = RunningStack.notes(port.get()).get("/notes").asString().contains(text);
    if (!kept) {
      return List.of(notesGone());
    }
    project.down(true);
    var left = project.projectVolumes();
    var emptied = NotesStack.upOneByOne(project);
    var portAfter = project.hostPort("api", 8080);
    var stillThere =
        emptied.succeeded()
            && portAfter.isPresent()
            && NotesStack.awaitApi(project, portAfter.get())
            && RunningStack.notes(portAfter.get()).get("/notes").asString().contains(text);
    return left.isEmpty() && !stillThere ? List.of() : List.of(notRemoved(stillThere, left));
  }

  static Problem notesGone() {
    return Problem.in(StagedLab.COMPOSE, "the notes are gone after docker compose down and up")
        .expected(
            "a named volume for /var/lib/postgresql/data: volumes: [db-data:/var/lib/postgresql/data] and a top-level volumes: {db-data: {}}")
        .actual("the note written before down is not listed after up")
        .hint(
            "A container's own file system, and an anonymous volume, go with the container. A named volume stays until docker compose down -v.");
  }

  static Problem notRemoved(boolean stillThere, List<String> volumesLeft) {
    return Problem.in(StagedLab.COMPOSE, "docker compose down -v does not remove the data")
        .expected("down -v removes the database's volume; the next up starts empty")
        .actual(
            stillThere ? "the note is still there after down -v" : "volumes left: " + volumesLeft)
        .hint(
            "A bind mount (./data:/var/lib/postgresql/data) is a host folder that down -v never touches; use a named volume.");
  }
}
