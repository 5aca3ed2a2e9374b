package dev.labkit.harness.docker;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.awaitility.core.ConditionTimeoutException;
import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.ToStringConsumer;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;

/**
 * Runs a container as a command (nginx -t, promtool, amtool) and returns whether it exited with 0
 * and what it printed. The container is removed afterwards. It exposes no ports: such commands exit
 * in milliseconds, before Docker could report port mappings.
 */
public final class OneShot {

  /** How a command ended: exit code 0 or not, and its output (stdout and stderr). */
  public record Result(boolean succeeded, String output) {}

  private OneShot() {}

  public static Result run(GenericContainer<?> container, Duration timeout) {
    var output = new ToStringConsumer();
    container.setExposedPorts(List.of());
    container
        .withLogConsumer(output)
        .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(timeout))
        .waitingFor(new ExitIsReady());
    try {
      container.start();
      return new Result(true, output.toUtf8String());
    } catch (ContainerLaunchException e) {
      // The log stream is followed asynchronously; give it a moment to deliver the last words.
      try {
        await("output of the failed command")
            .atMost(Duration.ofSeconds(5))
            .until(() -> !output.toUtf8String().isBlank());
      } catch (ConditionTimeoutException silent) {
        throw new IllegalStateException("the command could not run: " + e.getMessage(), e);
      }
      return new Result(false, output.toUtf8String());
    } finally {
      container.stop();
    }
  }

  /**
   * A one-shot container is ready when it has exited; the startup check strategy waits for that.
   */
  private static final class ExitIsReady extends AbstractWaitStrategy {
    @Override
    protected void waitUntilReady() {}
  }
}
