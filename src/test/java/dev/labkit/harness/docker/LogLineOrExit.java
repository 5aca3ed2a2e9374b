package dev.labkit.harness.docker;

import static org.awaitility.Awaitility.await;

import dev.labkit.harness.process.LogTail;
import java.time.Duration;
import java.util.regex.Pattern;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;

/**
 * Waits for a log line, and stops waiting the moment the container exits: a server that refuses its
 * configuration (or LocalStack asking for an account) exits in a second, and the learner should not
 * wait out a minute-long timeout to hear about it. The exit becomes {@link ContainerExited}, with
 * the exit code and the last log lines.
 */
public final class LogLineOrExit extends AbstractWaitStrategy {

  private final String description;
  private final Pattern line;

  public LogLineOrExit(String description, Pattern line, Duration timeout) {
    this.description = description;
    this.line = line;
    withStartupTimeout(timeout);
  }

  @Override
  protected void waitUntilReady() {
    var containerId = waitStrategyTarget.getContainerId();
    await(description)
        .atMost(startupTimeout)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              var state =
                  DockerClientFactory.lazyClient()
                      .inspectContainerCmd(containerId)
                      .exec()
                      .getState();
              if (!Boolean.TRUE.equals(state.getRunning())) {
                throw new ContainerExited(
                    state.getExitCodeLong() == null ? -1 : state.getExitCodeLong().intValue(),
                    LogTail.of(waitStrategyTarget.getLogs(), 20));
              }
              return line.matcher(waitStrategyTarget.getLogs()).find();
            });
  }

  /** The exit behind a failed start, however Testcontainers wrapped it. */
  public static java.util.Optional<ContainerExited> exitIn(Throwable error) {
    return dev.labkit.harness.run.Causes.find(error, ContainerExited.class);
  }

  /** The container stopped before it was ready. */
  public static final class ContainerExited extends RuntimeException {
    private final int exitCode;
    private final String logTail;

    public ContainerExited(int exitCode, String logTail) {
      super(
          "the container exited with code "
              + exitCode
              + " before it was ready; its last log lines:\n"
              + logTail);
      this.exitCode = exitCode;
      this.logTail = logTail;
    }

    public int exitCode() {
      return exitCode;
    }

    public String logTail() {
      return logTail;
    }
  }
}
