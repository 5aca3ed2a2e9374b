package dev.labkit.harness.process;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Command} started with {@link Command#start}: the caller writes to its standard input,
 * reads its standard output, and ends it; its standard error is captured. Listed among the live
 * processes until it ends, so it is stopped with the JVM.
 */
public final class RunningCommand {

  /** How long a killed process may take to be gone before the caller goes on. */
  private static final Duration KILLED_WAIT = Duration.ofSeconds(10);

  private final Process process;
  private final Duration stopGrace;
  private final OutputCapture output;
  private final OutputCapture errors;

  RunningCommand(Process process, Duration stopGrace, OutputCapture output, OutputCapture errors) {
    this.process = process;
    this.stopGrace = stopGrace;
    this.output = output;
    this.errors = errors;
  }

  /** Its standard input. */
  public OutputStream standardInput() {
    return process.getOutputStream();
  }

  /** Its standard output, to read as it streams. */
  public InputStream standardOutput() {
    if (output != null) {
      throw new IllegalStateException("standard output is captured, not streamed");
    }
    return process.getInputStream();
  }

  /** What it wrote to standard error so far, as kept. */
  public CapturedOutput errors() {
    return errors == null ? CapturedOutput.NONE : errors.captured();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Waits at most {@code limit} for its end; true when it ended. */
  public boolean waitFor(Duration limit) throws InterruptedException {
    return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
  }

  public int exitCode() {
    return process.exitValue();
  }

  /**
   * Kills it and everything it started (the docker CLI's buildx plugin, a grading JVM's docker
   * commands): killing only the parent would leave those running.
   */
  public void kill() {
    process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  /**
   * Ends it as its command says: killed with its tree at once, or (with a stop grace) its children
   * killed, then asked to end and given the grace to run its own clean-up, then killed. Waits a
   * bounded time for its end.
   */
  void stop() {
    try {
      if (!stopGrace.isZero()) {
        process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroy();
        if (waitFor(stopGrace)) {
          return;
        }
      }
      kill();
      waitFor(KILLED_WAIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
    }
  }

  /** The longest {@link #stop} may take. */
  Duration stopBound() {
    return stopGrace.plus(KILLED_WAIT).plusSeconds(5);
  }

  void onExit(Runnable action) {
    process.onExit().thenRun(action);
  }

  /** What it wrote to standard output (with standard error, when merged), as kept. */
  CapturedOutput output() {
    return output == null ? CapturedOutput.NONE : output.captured();
  }

  /** Waits a bounded time for its captured streams to end, once it ended or was killed. */
  void awaitCaptures() throws InterruptedException {
    long millis = TimeUnit.SECONDS.toMillis(5);
    if (output != null) {
      output.awaitEnd(millis);
    }
    if (errors != null) {
      errors.awaitEnd(millis);
    }
  }
}
