package dev.labkit.labs.dockerbasics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.labkit.harness.feedback.Problem;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ContainerRulesTest {

  @Test
  void dockerTopIsReadByItsColumnTitlesPidOneFirst() {
    assertThat(RecordedDocker.top("top-root-shell.txt"))
        .containsExactly(
            new ContainerProcess("0", "sh -c sleep 60; true"),
            new ContainerProcess("0", "sleep 60"));
  }

  @Test
  void aContainerWithoutRootProcessesPasses() {
    var dockerfile = RecordedDocker.labDockerfile("solution/app/Dockerfile");
    assertThat(ContainerRules.nonRoot(RecordedDocker.top("top-nonroot.txt"), "notes", dockerfile))
        .isEmpty();
  }

  @Test
  void rootProcessesAreListedWithTheImagesUserAtTheLastFrom() {
    var dockerfile = RecordedDocker.labDockerfile("mistakes/runs-as-root/app/Dockerfile");
    var processes = RecordedDocker.top("top-root-shell.txt");

    var noUser = ContainerRules.nonRoot(processes, "", dockerfile);
    assertThat(noUser)
        .singleElement()
        .extracting(Problem::message)
        .isEqualTo("the app runs as root inside the container");
    assertThat(noUser.get(0).actual())
        .isEqualTo("uid 0 runs: [sh -c sleep 60; true, sleep 60] (the image sets no USER)");
    assertThat(noUser.get(0).line()).isEqualTo(ImageRules.lastFromLine(dockerfile));
    assertThat(ContainerRules.nonRoot(processes, "root", dockerfile).get(0).actual())
        .endsWith(" (USER root)");
  }

  @Test
  void healthyAsksForTheLastOutputOnlyWhenItIsNot() {
    var asked = new AtomicBoolean();
    assertThat(
            ContainerRules.healthy(
                "healthy",
                () -> {
                  asked.set(true);
                  return "?";
                }))
        .isEmpty();
    assertThat(asked).isFalse();

    var unhealthy =
        ContainerRules.healthy("unhealthy", () -> "exit 7, curl: (7) Failed to connect");
    assertThat(unhealthy)
        .singleElement()
        .extracting(Problem::actual)
        .isEqualTo(
            "unhealthy; the health check's last output: exit 7, curl: (7) Failed to connect");
    assertThat(unhealthy.get(0).expected()).isEqualTo("healthy within 60 s");
  }

  @Test
  void sigtermOrACleanExitPassesTheKillPointsAtTheCmd() {
    var shellForm = RecordedDocker.labDockerfile("mistakes/shell-form-cmd/app/Dockerfile");
    assertThat(ContainerRules.stoppedBySigterm(143, "java -jar /app/notes-api.jar", shellForm))
        .isEmpty();
    assertThat(ContainerRules.stoppedBySigterm(0, "java", shellForm)).isEmpty();

    var killed =
        ContainerRules.stoppedBySigterm(137, "/bin/sh -c java -jar /app/notes-api.jar", shellForm);
    assertThat(killed)
        .singleElement()
        .extracting(Problem::actual)
        .isEqualTo(
            "exit code 137 (SIGKILL after the timeout); PID 1 was: /bin/sh -c java -jar /app/notes-api.jar");
    assertThat(killed.get(0).line()).isEqualTo(22);
    assertThat(ContainerRules.stoppedBySigterm(1, "java", shellForm).get(0).actual())
        .isEqualTo("exit code 1; PID 1 was: java");
  }

  @Test
  void theContainerThatExitsOrNeverListensIsSaidInTheLearnersTerms() {
    assertThat(StartedApi.exited(1, "Error: Unable to access jarfile /app/notes-api.jar").actual())
        .isEqualTo(
            "exit code 1; last log lines:\nError: Unable to access jarfile /app/notes-api.jar");
    assertThat(StartedApi.neverListens().expected())
        .isEqualTo("\"notes-api: listening on port 8080\" in the container's log within 60 s");
  }
}
