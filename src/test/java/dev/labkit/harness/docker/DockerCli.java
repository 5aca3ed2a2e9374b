package dev.labkit.harness.docker;

import dev.labkit.harness.process.Command;
import dev.labkit.harness.process.CommandResult;
import dev.labkit.harness.process.LogTail;
import dev.labkit.harness.process.PassedEnvironment;
import dev.labkit.harness.run.EnvironmentProblem;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the {@code docker} command line, for what only it does the way learners run it: BuildKit
 * builds ({@code docker build}) and Compose ({@code docker compose}). A {@link Command} underneath:
 * every call has a time limit, its output is kept (the last {@link #KEPT_OUTPUT_BYTES} bytes), and
 * the command sees a minimal environment: the machine's variables never reach a learner's build or
 * compose file.
 */
public final class DockerCli {

  /** What a call printed and how it ended. */
  public record Result(int exitCode, String output, boolean timedOut) {
    public boolean succeeded() {
      return exitCode == 0 && !timedOut;
    }

    /** The last lines of the output, for feedback. */
    public String tail(int lines) {
      return LogTail.of(output, lines);
    }

    static Result of(CommandResult result) {
      return new Result(result.exitCode(), result.output(), result.timedOut());
    }
  }

  /**
   * Enough for any honest build log (BuildKit's step headers must survive); bounded for a hostile
   * one. Only the end is kept, as the parsers of build logs and the feedback read it.
   */
  static final int KEPT_OUTPUT_BYTES = 4 * 1024 * 1024;

  private DockerCli() {}

  /** Runs {@code docker <arguments>} in {@code folder}, killing it after {@code limit}. */
  public static Result run(List<String> arguments, Path folder, Duration limit) {
    return run(arguments, folder, limit, Map.of());
  }

  /**
   * As {@link #run(List, Path, Duration)}, with variables set for the command: how a value that
   * must not show in the process list (a secret for {@code docker exec --env NAME}) reaches it.
   */
  public static Result run(
      List<String> arguments, Path folder, Duration limit, Map<String, String> extraEnvironment) {
    return run(command(arguments, folder, limit, extraEnvironment));
  }

  /** Runs a command made by {@link #command}. */
  static Result run(Command command) {
    try {
      return Result.of(command.keeping(0, KEPT_OUTPUT_BYTES).run());
    } catch (UncheckedIOException e) {
      throw cannotRun(e);
    }
  }

  /**
   * Runs {@code docker <arguments>} and hands its standard output, as it streams, to {@code reader}
   * (for output too large to keep, such as {@code docker export}). The process is killed after
   * {@code limit}, which ends the stream. The result holds what it wrote to standard error.
   */
  public static Result stream(
      List<String> arguments, Path folder, Duration limit, Command.OutputReader reader) {
    return Result.of(
        command(arguments, folder, limit, Map.of()).keeping(0, KEPT_OUTPUT_BYTES).stream(reader));
  }

  /**
   * The docker command with only the variables it needs. One the exit clean-up starts (compose
   * down) is spared by the exit kill of the live processes, so it runs to its end.
   */
  static Command command(
      List<String> arguments, Path folder, Duration limit, Map<String, String> extraEnvironment) {
    var argv = new ArrayList<String>();
    argv.add("docker");
    argv.addAll(arguments);
    return Command.of(argv)
        .in(folder)
        .within(limit)
        .passing(PassedEnvironment.DOCKER)
        .with("DOCKER_BUILDKIT", "1")
        .with("BUILDKIT_PROGRESS", "plain")
        .with(extraEnvironment)
        .sparedAtExit(KitContainers.isCleanUpThread());
  }

  private static EnvironmentProblem cannotRun(UncheckedIOException e) {
    return new EnvironmentProblem(
        "Cannot run the docker command: " + e.getMessage(),
        "Install the Docker CLI (with the buildx and compose plugins) and put it on PATH; on Linux `sudo bash scripts/setup-docker.sh` does it.");
  }
}
