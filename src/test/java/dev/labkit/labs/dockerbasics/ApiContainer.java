package dev.labkit.labs.dockerbasics;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.awaitility.core.ConditionTimeoutException;
import org.testcontainers.DockerClientFactory;

/**
 * A running container of the learner's image, asked through the engine: its processes, its health
 * as Docker sees it, and how it ends on docker stop.
 */
record ApiContainer(String id) {

  /** The container's processes, PID 1 first. */
  List<ContainerProcess> processes() {
    var top =
        DockerClientFactory.lazyClient().topContainerCmd(id).withPsArgs("-o pid,uid,args").exec();
    return ContainerProcess.of(List.of(top.getTitles()), Arrays.asList(top.getProcesses()));
  }

  /** The health status once Docker leaves "starting", or why it never did. */
  String awaitHealth() {
    var docker = DockerClientFactory.lazyClient();
    var limit = ContainerRules.HEALTHY_LIMIT;
    try {
      return await("Docker to report the api container healthy")
          .atMost(limit)
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                var state = docker.inspectContainerCmd(id).exec().getState();
                if (!Boolean.TRUE.equals(state.getRunning())) {
                  return "exited with code " + state.getExitCodeLong();
                }
                return state.getHealth() == null
                    ? "no health status"
                    : state.getHealth().getStatus();
              },
              status -> !status.equals("starting"));
    } catch (ConditionTimeoutException e) {
      return "still starting after " + limit.toSeconds() + " s";
    }
  }

  /** What the last health check printed, with its exit code. */
  String lastHealthOutput() {
    var health =
        DockerClientFactory.lazyClient().inspectContainerCmd(id).exec().getState().getHealth();
    if (health == null || health.getLog() == null || health.getLog().isEmpty()) {
      return "(no check has run yet)";
    }
    var last = health.getLog().get(health.getLog().size() - 1);
    return "exit " + last.getExitCodeLong() + ", " + last.getOutput().strip();
  }

  /** docker stop with a short timeout; the exit code, or -1 when Docker reports none. */
  long stop(int seconds) {
    var docker = DockerClientFactory.lazyClient();
    docker.stopContainerCmd(id).withTimeout(seconds).exec();
    var state = docker.inspectContainerCmd(id).exec().getState();
    return state.getExitCodeLong() == null ? -1 : state.getExitCodeLong();
  }
}
