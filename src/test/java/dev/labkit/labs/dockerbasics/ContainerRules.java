package dev.labkit.labs.dockerbasics;

import dev.labkit.harness.docker.Dockerfile;
import dev.labkit.harness.feedback.Feedback;
import dev.labkit.harness.feedback.Problem;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a container of the learner's image must do: run the app as a user other than root, become
 * healthy, and end on docker stop's SIGTERM rather than by the kill after the timeout.
 */
final class ContainerRules {

  static final Duration HEALTHY_LIMIT = Duration.ofSeconds(60);
  static final int STOP_SECONDS = 3;

  private ContainerRules() {}

  /** No process of the container runs with uid 0; {@code user} is the image's USER. */
  static List<Problem> nonRoot(
      List<ContainerProcess> processes, String user, Dockerfile dockerfile) {
    var root = processes.stream().filter(ContainerProcess::isRoot).toList();
    var feedback = new Feedback();
    feedback.expect(
        root.isEmpty(),
        () ->
            Problem.in(StagedLab.DOCKERFILE, "the app runs as root inside the container")
                .at(ImageRules.lastFromLine(dockerfile), null)
                .expected("every process with a uid other than 0")
                .actual(
                    "uid 0 runs: "
                        + root.stream().map(ContainerProcess::command).toList()
                        + (user.isEmpty() ? " (the image sets no USER)" : " (USER " + user + ")"))
                .hint(
                    "In the last stage create a user (useradd --system app, or adduser) and switch to it with USER before CMD. A process that escapes a root container is root on the host."));
    return feedback.problems();
  }

  /**
   * Docker's health status once it left "starting" ({@link ApiContainer#awaitHealth()}) is healthy;
   * {@code lastOutput} asks what the last health check printed (only when it is not).
   */
  static List<Problem> healthy(String status, Supplier<String> lastOutput) {
    var feedback = new Feedback();
    feedback.expect(
        status.equals("healthy"),
        () ->
            Problem.in(StagedLab.DOCKERFILE, "Docker does not report the container healthy")
                .expected("healthy within " + HEALTHY_LIMIT.toSeconds() + " s")
                .actual(status + "; the health check's last output: " + lastOutput.get())
                .hint(
                    "Run the HEALTHCHECK command yourself with docker exec; it must exit 0 when /health answers. Mind the default 30 s interval."));
    return feedback.problems();
  }

  /**
   * After docker stop with {@link #STOP_SECONDS}, the exit code is 0 or 143 (SIGTERM); 137 is the
   * kill. {@code pidOne} is the container's first process before the stop.
   */
  static List<Problem> stoppedBySigterm(long exitCode, String pidOne, Dockerfile dockerfile) {
    var feedback = new Feedback();
    feedback.expect(
        exitCode == 0 || exitCode == 143,
        () ->
            Problem.in(
                    StagedLab.DOCKERFILE,
                    "docker stop had to kill the app: SIGTERM never reached java")
                .at(commandLine(dockerfile), null)
                .expected(
                    "exit code 0 or 143 (SIGTERM) within " + STOP_SECONDS + " s of docker stop")
                .actual(
                    "exit code "
                        + exitCode
                        + (exitCode == 137 ? " (SIGKILL after the timeout)" : "")
                        + "; PID 1 was: "
                        + pidOne)
                .hint(
                    "Use the exec form, CMD [\"java\", \"-jar\", \"/app/notes-api.jar\"]. The shell form runs /bin/sh -c as PID 1, and sh does not pass SIGTERM on."));
    return feedback.problems();
  }

  /** The line of the last CMD or ENTRYPOINT: the one that decides what PID 1 is. */
  static Integer commandLine(Dockerfile dockerfile) {
    return dockerfile.instructions().stream()
        .filter(
            instruction ->
                instruction.keyword().equals("CMD") || instruction.keyword().equals("ENTRYPOINT"))
        .reduce((first, second) -> second)
        .map(Dockerfile.Instruction::line)
        .orElse(null);
  }
}
