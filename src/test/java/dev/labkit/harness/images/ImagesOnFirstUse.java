package dev.labkit.harness.images;

import dev.labkit.harness.process.Command;
import dev.labkit.harness.process.CommandResult;
import dev.labkit.harness.process.PassedEnvironment;
import dev.labkit.harness.run.EnvironmentProblem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Builds the images a lab starts when they are missing, the first time the lab runs, with the same
 * script and recipes an instructor runs by hand ({@code scripts/build-images.sh}), so a newcomer's
 * first {@code mvn verify -Dlab=<id>} works without a separate step. Its progress lines go to the
 * console. One build at a time on the machine (a file lock in {@code target/}), so concurrent runs
 * (the selftest, a batch) never build the same image twice at once; each re-checks after the lock.
 * An image the learner chose with {@code -Dlabkit.image.<name>} is never built: it is theirs.
 */
public final class ImagesOnFirstUse {

  /** The first build on an empty engine takes about 6 minutes on 2 cores; this is the bound. */
  static final Duration BUILD_LIMIT = Duration.ofMinutes(30);

  /** How much of the build's output a failure quotes. */
  private static final int KEPT_LINES = 15;

  private final Path kitRoot;
  private final ImageCatalog catalog;
  private final Predicate<String> present;
  private final Consumer<String> progress;

  /**
   * @param present whether the image of a catalog name is on this machine
   * @param progress where the build's progress lines go (the console)
   */
  public ImagesOnFirstUse(
      Path kitRoot, ImageCatalog catalog, Predicate<String> present, Consumer<String> progress) {
    this.kitRoot = kitRoot;
    this.catalog = catalog;
    this.present = present;
    this.progress = progress;
  }

  /**
   * The catalog names among {@code names} that this run would build: missing and not overridden.
   */
  List<String> missing(List<String> names) {
    return names.stream()
        .filter(name -> !catalog.isOverridden(name))
        .filter(name -> !present.test(name))
        .toList();
  }

  /** Builds what is missing of {@code names}; fails with the build's last lines if it cannot. */
  public void ensure(List<String> names) {
    if (missing(names).isEmpty()) {
      return;
    }
    try (var lock = machineLock()) {
      var toBuild = missing(names);
      if (toBuild.isEmpty()) {
        return; // another run built them while this one waited
      }
      progress.accept(
          "building the images this lab needs, once: "
              + String.join(", ", toBuild)
              + " (scripts/build-images.sh; a few minutes the first time, seconds afterwards)");
      var lastLines = new ArrayDeque<String>();
      var result = build(toBuild, lastLines);
      if (!result.succeeded()) {
        throw new EnvironmentProblem(
            "Building the images "
                + String.join(", ", toBuild)
                + " failed"
                + (result.timedOut()
                    ? " (stopped after " + BUILD_LIMIT.toMinutes() + " minutes)"
                    : "")
                + ":\n"
                + String.join("\n", lastLines)
                + (result.output().isBlank() ? "" : "\n" + result.tail(15)),
            "Run it yourself to see the whole log: bash scripts/build-images.sh "
                + String.join(" ", toBuild)
                + ". It needs Debian's archive and the language registries (PyPI, Maven Central) the first time.");
      }
    } catch (IOException e) {
      throw new EnvironmentProblem(
          "Cannot take the image-build lock in target/: " + e.getMessage(),
          "Build the images yourself: bash scripts/build-images.sh");
    }
  }

  private CommandResult build(List<String> names, Deque<String> lastLines) {
    var argv = new ArrayList<>(List.of("bash", "scripts/build-images.sh"));
    argv.addAll(names);
    return Command.of(argv)
        .in(kitRoot)
        .passing(PassedEnvironment.DOCKER)
        .within(BUILD_LIMIT)
        .stream(
            output -> {
              var reader =
                  new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8));
              String line;
              while ((line = reader.readLine()) != null) {
                lastLines.addLast(line);
                if (lastLines.size() > KEPT_LINES) {
                  lastLines.removeFirst();
                }
                if (line.startsWith("==>") || line.startsWith("    built")) {
                  progress.accept("  " + line.strip());
                }
              }
            });
  }

  private FileChannel machineLock() throws IOException {
    var lockFile = kitRoot.resolve("target/labkit/.image-build.lock");
    Files.createDirectories(lockFile.getParent());
    var channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    channel.lock();
    return channel;
  }
}
