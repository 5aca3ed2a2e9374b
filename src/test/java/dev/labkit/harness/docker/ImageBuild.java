package dev.labkit.harness.docker;

import dev.labkit.harness.run.EnvironmentProblem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Optional;

/**
 * {@code docker build} of a learner's context, run the way learners run it: BuildKit through the
 * CLI (so {@code RUN --mount=type=cache} and friends work), plain progress, labelled as the kit's.
 */
public final class ImageBuild {

  /** What to build and how; {@link #of(String)} gives the defaults. */
  public record Options(
      String tag,
      Optional<Path> dockerfile,
      boolean offline,
      Optional<Path> exportContextTo,
      Duration limit) {

    public static Options of(String tag) {
      return new Options(tag, Optional.empty(), false, Optional.empty(), Duration.ofMinutes(5));
    }

    /** Killed after {@code limit} instead of the default five minutes. */
    public Options withLimit(Duration limit) {
      return new Options(tag, dockerfile, offline, exportContextTo, limit);
    }

    /** RUN steps get no network: a step that needs to download fails. */
    public Options withoutNetwork() {
      return new Options(tag, dockerfile, true, exportContextTo, limit);
    }

    /** Builds {@code dockerfile} (outside the context) and writes its files to a folder. */
    public Options exportingWith(Path dockerfile, Path folder) {
      return new Options(tag, Optional.of(dockerfile), offline, Optional.of(folder), limit);
    }
  }

  /** The CLI's outcome and its progress output read back. */
  public record Result(DockerCli.Result cli, BuildLog log) {
    public boolean succeeded() {
      return cli.succeeded();
    }
  }

  private static volatile boolean buildxChecked;

  private ImageBuild() {}

  public static Result run(Path context, Options options) {
    requireBuildx(context);
    var arguments = new ArrayList<String>();
    arguments.add("build");
    arguments.add("--progress=plain");
    if (options.exportContextTo().isPresent()) {
      arguments.add("--output");
      arguments.add("type=local,dest=" + options.exportContextTo().get());
    } else {
      arguments.add("--tag");
      arguments.add(options.tag());
      KitContainers.labels()
          .forEach(
              (key, value) -> {
                arguments.add("--label");
                arguments.add(key + "=" + value);
              });
    }
    options
        .dockerfile()
        .ifPresent(
            file -> {
              arguments.add("--file");
              arguments.add(file.toString());
            });
    if (options.offline()) {
      arguments.add("--network=none");
    }
    arguments.add(".");
    var cli = DockerCli.run(arguments, context, options.limit());
    return new Result(cli, BuildLog.parse(cli.output()));
  }

  private static void requireBuildx(Path folder) {
    if (buildxChecked) {
      return;
    }
    var version =
        DockerCli.run(java.util.List.of("buildx", "version"), folder, Duration.ofSeconds(30));
    if (!version.succeeded()) {
      throw new EnvironmentProblem(
          "The docker CLI has no BuildKit (the buildx plugin): `docker buildx version` failed.",
          "Install the buildx plugin (Docker Desktop has it; on Debian `sudo bash scripts/setup-docker.sh` adds it).");
    }
    buildxChecked = true;
  }
}
