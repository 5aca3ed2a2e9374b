package dev.labkit.harness.docker;

import dev.labkit.harness.run.EnvironmentProblem;
import dev.labkit.harness.run.PassedEnvironment;
import dev.labkit.harness.run.ProcessTrees;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code docker} command line, for what only it does the way learners run it: BuildKit
 * builds ({@code docker build}) and Compose ({@code docker compose}). Every call has a time limit,
 * its output is kept (the last {@link #KEPT_OUTPUT_CHARS} characters), and the command sees a
 * minimal environment: the machine's variables never reach a learner's build or compose file.
 */
public final class DockerCli {

  /** What a call printed and how it ended. */
  public record Result(int exitCode, String output, boolean timedOut) {
    public boolean succeeded() {
      return exitCode == 0 && !timedOut;
    }

    /** The last lines of the output, for feedback. */
    public String tail(int lines) {
      var all = output.strip().split("\n");
      return String.join("\n", List.of(all).subList(Math.max(0, all.length - lines), all.length));
    }
  }

  /**
   * Enough for any honest build log (BuildKit's step headers must survive); bounded for a hostile
   * one.
   */
  static final int KEPT_OUTPUT_CHARS = 4 * 1024 * 1024;

  /**
   * The docker commands running now, except those the exit clean-up itself starts (compose down).
   * When the JVM ends early (Ctrl-C, a grading run stopped) they are killed, which cancels a build,
   * instead of running on without their JVM.
   */
  private static final java.util.Set<Process> RUNNING =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(DockerCli::killRunning, "labkit-docker-stop"));
  }

  private DockerCli() {}

  private static Process start(ProcessBuilder builder) throws IOException {
    var process = builder.start();
    if (!KitContainers.isCleanUpThread()) {
      RUNNING.add(process);
    }
    return process;
  }

  private static void killRunning() {
    RUNNING.forEach(ProcessTrees::kill);
  }

  /** Runs {@code docker <arguments>} in {@code folder}, killing it after {@code limit}. */
  public static Result run(List<String> arguments, Path folder, Duration limit) {
    return run(arguments, folder, limit, Map.of());
  }

  public static Result run(
      List<String> arguments, Path folder, Duration limit, Map<String, String> extraEnvironment) {
    Path output = null;
    try {
      output = Files.createTempFile("labkit-docker-", ".log");
      var builder =
          builder(arguments, folder, extraEnvironment)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile());
      var process = start(builder);
      try {
        boolean finished = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
          ProcessTrees.kill(process).waitFor(10, TimeUnit.SECONDS);
        }
        return new Result(finished ? process.exitValue() : -1, lastChars(output), !finished);
      } finally {
        RUNNING.remove(process);
      }
    } catch (IOException e) {
      throw new EnvironmentProblem(
          "Cannot run the docker command: " + e.getMessage(),
          "Install the Docker CLI (with the buildx and compose plugins) and put it on PATH; on Linux `sudo bash scripts/setup-docker.sh` does it.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running docker " + arguments, e);
    } finally {
      deleteQuietly(output);
    }
  }

  /**
   * Runs {@code docker <arguments>} and hands its standard output, as it streams, to {@code reader}
   * (for output too large to keep, such as {@code docker export}). The process is killed after
   * {@code limit}, which ends the stream. The result holds what it wrote to standard error.
   */
  public static Result stream(
      List<String> arguments, Path folder, Duration limit, StreamReader reader) {
    Path errors = null;
    Process process = null;
    try {
      errors = Files.createTempFile("labkit-docker-", ".err");
      process = start(builder(arguments, folder, Map.of()).redirectError(errors.toFile()));
      var running = process;
      var deadline =
          java.util.concurrent.CompletableFuture.runAsync(
              running::destroyForcibly,
              java.util.concurrent.CompletableFuture.delayedExecutor(
                  limit.toMillis(), TimeUnit.MILLISECONDS));
      try (var stdout = process.getInputStream()) {
        reader.read(stdout);
      }
      boolean finished = process.waitFor(10, TimeUnit.SECONDS) && !deadline.isDone();
      deadline.cancel(false);
      return new Result(finished ? process.exitValue() : -1, lastChars(errors), !finished);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running docker " + arguments, e);
    } finally {
      if (process != null) {
        process.destroyForcibly();
        RUNNING.remove(process);
      }
      deleteQuietly(errors);
    }
  }

  /** Reads a command's standard output. */
  @FunctionalInterface
  public interface StreamReader {
    void read(java.io.InputStream output) throws IOException;
  }

  /** The docker command with only the variables it needs; the machine's others never pass. */
  private static ProcessBuilder builder(
      List<String> arguments, Path folder, Map<String, String> extraEnvironment) {
    var command = new ArrayList<String>();
    command.add("docker");
    command.addAll(arguments);
    var builder = new ProcessBuilder(command).directory(folder.toFile());
    var environment = builder.environment();
    PassedEnvironment.keepOnly(environment, PassedEnvironment.DOCKER, List.of());
    environment.put("DOCKER_BUILDKIT", "1");
    environment.put("BUILDKIT_PROGRESS", "plain");
    environment.putAll(extraEnvironment);
    return builder;
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a temp file; the OS cleans its temp folder
      }
    }
  }

  /** Only the end is read: a build that prints megabytes must not fill the heap. */
  private static String lastChars(Path output) {
    try (var file = new RandomAccessFile(output.toFile(), "r")) {
      long start = Math.max(0, file.length() - KEPT_OUTPUT_CHARS);
      var bytes = new byte[(int) (file.length() - start)];
      file.seek(start);
      file.readFully(bytes);
      var text = new String(bytes, StandardCharsets.UTF_8);
      return start == 0 ? text : "…\n" + text.substring(Math.max(0, text.indexOf('\n') + 1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
