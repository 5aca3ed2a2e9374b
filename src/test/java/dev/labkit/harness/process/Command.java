package dev.labkit.harness.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one way the kit runs an external program (git, docker, a grading or sandbox JVM, a script).
 * Configure it, then {@link #run} it once:
 *
 * <ul>
 *   <li>the program sees only the variables of the kit's environment named with {@link #passing}
 *       (none by default), plus those set with {@link #with}: a token in the machine's environment
 *       never reaches a learner's build, compose file or code;
 *   <li>it runs at most {@link #within its time limit}, then it is stopped together with every
 *       process it started;
 *   <li>its output is read while it runs (standard output and error each on a thread of its own),
 *       so a chatty program never blocks on a full pipe and the time limit holds, and only the
 *       first and last bytes are kept ({@link #keeping}), with a line saying how much was dropped;
 *   <li>while it runs it is stopped when the JVM ends, by one shutdown hook over the live
 *       processes, unless it is part of the exit clean-up ({@link #sparedAtExit}).
 * </ul>
 */
public final class Command {

  static final int DEFAULT_HEAD_BYTES = 16 * 1024;
  static final int DEFAULT_TAIL_BYTES = 64 * 1024;

  private final List<String> argv;
  private Path folder;
  private final List<String> passedNames = new ArrayList<>();
  private final List<String> passedPrefixes = new ArrayList<>();
  private final Map<String, String> setVariables = new LinkedHashMap<>();
  private Duration limit;
  private int headBytes = DEFAULT_HEAD_BYTES;
  private int tailBytes = DEFAULT_TAIL_BYTES;
  private boolean errorsApart;
  private Duration stopGrace = Duration.ZERO;
  private boolean sparedAtExit;

  private Command(List<String> argv) {
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("a command needs a program to run");
    }
    this.argv = List.copyOf(argv);
  }

  public static Command of(List<String> argv) {
    return new Command(argv);
  }

  public static Command of(String... argv) {
    return new Command(List.of(argv));
  }

  /** Runs in {@code folder} (else in the kit's working folder). */
  public Command in(Path folder) {
    this.folder = folder;
    return this;
  }

  /** These variables of the kit's own environment pass, when set. */
  public Command passing(Collection<String> names) {
    passedNames.addAll(names);
    return this;
  }

  public Command passing(String... names) {
    return passing(List.of(names));
  }

  /** The kit's variables whose names start with {@code prefix} pass ("TESTCONTAINERS_"). */
  public Command passingPrefixed(String prefix) {
    passedPrefixes.add(prefix);
    return this;
  }

  /**
   * Sets {@code name} for the program, whatever the kit's environment holds. The way to hand a
   * program a secret: unlike an argument, a variable's value does not show in the process list.
   */
  public Command with(String name, String value) {
    setVariables.put(name, value);
    return this;
  }

  public Command with(Map<String, String> variables) {
    setVariables.putAll(variables);
    return this;
  }

  /** The program is stopped after {@code limit} (a {@link #run} needs one). */
  public Command within(Duration limit) {
    this.limit = limit;
    return this;
  }

  /** Keeps the first {@code headBytes} and the last {@code tailBytes} of each captured stream. */
  public Command keeping(int headBytes, int tailBytes) {
    this.headBytes = headBytes;
    this.tailBytes = tailBytes;
    return this;
  }

  /** Captures standard error apart from standard output (merged by default). */
  public Command errorsApart() {
    this.errorsApart = true;
    return this;
  }

  /**
   * Stopping it (at its time limit, or with the JVM) first kills what it started, then asks it to
   * end and gives it {@code grace} to run its own clean-up (a JVM's exit hooks), then kills it.
   * Without this it is killed with its whole tree at once.
   */
  public Command stoppedGently(Duration grace) {
    this.stopGrace = grace;
    return this;
  }

  /**
   * Part of the clean-up that runs at the JVM's exit ({@code docker compose down}): the shutdown
   * hook that stops the live processes leaves it alone, so it runs to its end (its time limit still
   * holds).
   */
  public Command sparedAtExit(boolean spared) {
    this.sparedAtExit = spared;
    return this;
  }

  /** The program and its arguments. */
  public List<String> argv() {
    return argv;
  }

  /** The variables set with {@link #with}, which the program sees but the process list does not. */
  public Map<String, String> variables() {
    return Map.copyOf(setVariables);
  }

  /**
   * Runs it to its end or its time limit, capturing its output.
   *
   * @throws UncheckedIOException when it cannot start (no such program), with the reason as message
   * @throws CommandInterrupted when the waiting thread is interrupted (the program is killed)
   */
  public CommandResult run() {
    var deadline = requireLimit();
    var running = start(true);
    close(running);
    try {
      boolean finished = running.waitFor(deadline);
      if (!finished) {
        running.stop();
      }
      running.awaitCaptures();
      return new CommandResult(
          finished ? running.exitCode() : -1, !finished, running.output(), running.errors());
    } catch (InterruptedException e) {
      running.kill();
      Thread.currentThread().interrupt();
      throw new CommandInterrupted(argv);
    }
  }

  /** Reads a program's standard output as it streams. */
  @FunctionalInterface
  public interface OutputReader {
    void read(InputStream output) throws IOException;
  }

  /**
   * Runs it and hands its standard output, as it streams, to {@code reader} (for output too large
   * to keep, such as {@code docker export}); at its time limit it is killed, which ends the stream.
   * The result captures what it wrote to standard error.
   */
  public CommandResult stream(OutputReader reader) {
    var deadline = requireLimit();
    errorsApart = true;
    var running = start(false);
    close(running);
    // Set before the kill: the stream ends as the process dies, before kill() has returned.
    var limitReached = new AtomicBoolean();
    var stopAtLimit =
        CompletableFuture.runAsync(
            () -> {
              limitReached.set(true);
              running.kill();
            },
            CompletableFuture.delayedExecutor(deadline.toMillis(), TimeUnit.MILLISECONDS));
    try {
      try (var stdout = running.standardOutput()) {
        reader.read(stdout);
      }
      boolean finished = running.waitFor(Duration.ofSeconds(10)) && !limitReached.get();
      stopAtLimit.cancel(false);
      running.awaitCaptures();
      return new CommandResult(
          finished ? running.exitCode() : -1, !finished, running.errors(), CapturedOutput.NONE);
    } catch (IOException e) {
      if (limitReached.get()) {
        // The kill at the time limit closed the stream under the reader.
        return new CommandResult(-1, true, running.errors(), CapturedOutput.NONE);
      }
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandInterrupted(argv);
    } finally {
      stopAtLimit.cancel(false);
      running.kill();
    }
  }

  /**
   * Starts it for a conversation on its standard input and output (a sandbox JVM); its standard
   * error is captured. The caller ends it; a time limit, if set, kills it when reached.
   */
  public RunningCommand start() {
    errorsApart = true;
    var running = start(false);
    if (limit != null) {
      CompletableFuture.runAsync(
          running::kill,
          CompletableFuture.delayedExecutor(limit.toMillis(), TimeUnit.MILLISECONDS));
    }
    return running;
  }

  private RunningCommand start(boolean captureOutput) {
    var builder = new ProcessBuilder(argv).redirectErrorStream(!errorsApart);
    if (folder != null) {
      builder.directory(folder.toFile());
    }
    var environment = builder.environment();
    var inherited = Map.copyOf(environment);
    environment.clear();
    inherited.forEach(
        (name, value) -> {
          if (passedNames.contains(name) || passedPrefixes.stream().anyMatch(name::startsWith)) {
            environment.put(name, value);
          }
        });
    environment.putAll(setVariables);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
    var name = "labkit-process-" + process.pid();
    var output =
        captureOutput
            ? new OutputCapture(headBytes, tailBytes).drain(process.getInputStream(), name)
            : null;
    var errors =
        errorsApart
            ? new OutputCapture(headBytes, tailBytes)
                .drain(process.getErrorStream(), name + "-errors")
            : null;
    var running = new RunningCommand(process, stopGrace, output, errors);
    if (!sparedAtExit) {
      LiveProcesses.add(running);
    }
    return running;
  }

  /** A program run to its end reads nothing: it sees the end of its input at once. */
  private static void close(RunningCommand running) {
    try {
      running.standardInput().close();
    } catch (IOException ignored) {
      // it already ended
    }
  }

  private Duration requireLimit() {
    if (limit == null) {
      throw new IllegalStateException("no time limit set for " + argv);
    }
    return limit;
  }

  @Override
  public String toString() {
    return String.join(" ", argv);
  }
}
