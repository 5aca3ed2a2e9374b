package dev.labkit.selftest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.labkit.harness.docker.DockerEngine;
import dev.labkit.harness.docker.KitContainers;
import dev.labkit.harness.lab.CheckChoice;
import dev.labkit.harness.process.Command;
import dev.labkit.harness.process.LogTail;
import dev.labkit.harness.process.PassedEnvironment;
import dev.labkit.harness.report.CheckStatus;
import dev.labkit.harness.run.KitRoot;
import dev.labkit.harness.run.LabSettings;
import dev.labkit.harness.run.RunSession;
import dev.labkit.harness.selftest.LabCheckRunner;
import dev.labkit.harness.selftest.SelfTestCases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.testcontainers.DockerClientFactory;

/**
 * {@code -Dlabkit.keep=true} as a learner uses it, with one check ({@code -Dlabkit.check}): the
 * lab's stack is still running after the run, and every command the run printed (kept.txt) works as
 * printed. Then the test removes what was kept, with its networks and volumes, as the next run
 * would.
 */
@ExtendWith(RunSession.Held.class)
class KeepStackIT {

  private static final Duration COMMAND_LIMIT = Duration.ofSeconds(60);

  @ParameterizedTest(name = "{0} -Dlabkit.check={1}")
  @CsvSource({
    "nginx-reverse-proxy, config-valid",
    "prometheus-scrape, targets-up",
    "docker-basics, compose-up",
    "github-actions-deploy, pipeline-runs"
  })
  void theKeptStackRunsAndEveryPrintedCommandWorks(String lab, String check) throws IOException {
    assumeTrue(DockerEngine.isAvailable(), "keeping a stack needs Docker");
    var kit = KitRoot.locate();
    var solution = SelfTestCases.solutionFolder(kit, lab);
    var reportFolder = kit.resolve("target/labkit/keep-stack").resolve(lab);
    var report =
        LabCheckRunner.run(
            lab,
            solution,
            reportFolder,
            Map.of(LabSettings.KEEP, "true", CheckChoice.SETTING, check));
    var kept = lines(reportFolder.resolve("kept-containers.txt"));
    try {
      assertThat(report.checks())
          .as("%s of the solution", check)
          .anyMatch(c -> c.id().equals(check) && c.status() == CheckStatus.PASSED);
      assertThat(kept).as("containers kept by %s", lab).isNotEmpty();
      var docker = DockerClientFactory.lazyClient();
      for (var id : kept) {
        assertThat(docker.inspectContainerCmd(id).exec().getState().getRunning())
            .as("kept container %s runs after the run ended", id)
            .isTrue();
      }
      var failures = new ArrayList<String>();
      for (var line : lines(reportFolder.resolve("kept.txt"))) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        var result =
            Command.of("bash", "-o", "pipefail", "-c", line)
                .within(COMMAND_LIMIT)
                .passing(PassedEnvironment.DOCKER)
                .run();
        // Exit 0 is the promise; what a query prints depends on how long the stack has run.
        if (!result.succeeded()) {
          failures.add(
              line + "\n  exit " + result.exitCode() + ":\n" + LogTail.of(result.output(), 8));
        }
      }
      assertThat(failures).as("printed commands that do not work as printed").isEmpty();
    } finally {
      removeWithWhatTheyUse(kept);
    }
  }

  private static List<String> lines(Path file) throws IOException {
    return Files.isRegularFile(file) ? Files.readAllLines(file) : List.of();
  }

  /** What the next run's sweep would remove: the containers, then their networks and volumes. */
  private static void removeWithWhatTheyUse(List<String> ids) {
    var docker = DockerClientFactory.lazyClient();
    Set<String> networks = new HashSet<>();
    Set<String> volumes = new HashSet<>();
    for (var id : ids) {
      try {
        var container = docker.inspectContainerCmd(id).exec();
        networks.addAll(container.getNetworkSettings().getNetworks().keySet());
        container.getMounts().stream()
            .filter(mount -> mount.getName() != null)
            .forEach(mount -> volumes.add(mount.getName()));
        docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
      } catch (RuntimeException gone) {
        // already removed
      }
    }
    networks.remove("bridge");
    networks.forEach(network -> KitContainers.removeNetworkQuietly(docker, network));
    volumes.forEach(volume -> KitContainers.removeVolumeQuietly(docker, volume));
  }
}
