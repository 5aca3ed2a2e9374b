package dev.labkit.labs.dockerbasics;

import dev.labkit.harness.docker.LogLineOrExit;
import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.run.Causes;
import java.util.Optional;
import org.awaitility.core.ConditionTimeoutException;
import org.testcontainers.containers.GenericContainer;

/**
 * A container of the learner's image started next to PostgreSQL ({@link ApiRuntime}), or why the
 * app in it never listened: the port-and-healthcheck check says so, the checks that need a running
 * container skip.
 */
record StartedApi(Optional<GenericContainer<?>> container, Optional<Problem> notStarted) {

  static StartedApi start(ApiRuntime runtime) {
    try {
      return new StartedApi(Optional.of(runtime.startApi()), Optional.empty());
    } catch (RuntimeException e) {
      var exited = LogLineOrExit.exitIn(e);
      if (exited.isPresent()) {
        return new StartedApi(
            Optional.empty(), Optional.of(exited(exited.get().exitCode(), exited.get().logTail())));
      }
      if (Causes.find(e, ConditionTimeoutException.class).isPresent()) {
        return new StartedApi(Optional.empty(), Optional.of(neverListens()));
      }
      throw e;
    }
  }

  static Problem exited(int exitCode, String logTail) {
    return Problem.in(StagedLab.DOCKERFILE, "the container stops before the app listens")
        .expected(
            "docker run keeps the app running: \"notes-api: listening on port 8080\" in its log")
        .actual("exit code " + exitCode + "; last log lines:\n" + logTail)
        .hint(
            "Check CMD/ENTRYPOINT: the jar is /app/notes-api.jar only if you copied it there, and lib/ must sit next to it.");
  }

  static Problem neverListens() {
    return Problem.in(StagedLab.DOCKERFILE, "the app in the container never starts listening")
        .expected(
            "\"notes-api: listening on port 8080\" in the container's log within "
                + ApiRuntime.API_READY_LIMIT.toSeconds()
                + " s")
        .actual("the container runs, but the app never said it listens")
        .hint(
            "CMD or ENTRYPOINT must start the app: java -jar with the path of notes-api.jar in the image.");
  }

  ApiContainer api() {
    return new ApiContainer(container.orElseThrow().getContainerId());
  }
}
