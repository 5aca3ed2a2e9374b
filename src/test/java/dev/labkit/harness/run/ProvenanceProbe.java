package dev.labkit.harness.run;

import dev.labkit.harness.lab.LabCatalog;
import dev.labkit.harness.lab.LabManifest;
import dev.labkit.harness.process.Command;
import dev.labkit.harness.process.CommandInterrupted;
import dev.labkit.harness.report.Provenance;
import dev.labkit.harness.workspace.Workspace;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Computes a run's {@link Provenance}. Hashes are SHA-256 over the sorted relative paths and
 * contents of the files (a link counts by where it points, never by what it points to), so the same
 * files give the same hash on any machine. Reading is bounded ({@link #hash}): a FIFO, a huge
 * sparse file or a million files in a submission cannot stall a run.
 */
public final class ProvenanceProbe {

  static final String VERSION = "labkit.version";
  static final String HINTS = LabSettings.HINTS;

  /**
   * Not part of what a learner hands in: the kit's own folders inside a lab folder, and build
   * output (Maven's target/, which no check reads).
   */
  private static final List<String> NOT_GRADED =
      List.of(LabCatalog.KIT_OWN + "/", "lab.yaml", "README.md", ".git/", "target/");

  /** Far more than any lab's files (or the kit's check sources); a bound for a hostile tree. */
  static final int MAX_ENTRIES = 10_000;

  private static final Duration GIT_LIMIT = Duration.ofSeconds(10);

  private ProvenanceProbe() {}

  static Provenance of(
      Path kitRoot,
      Class<?> checkClass,
      LabManifest manifest,
      Workspace workspace,
      LabSettings settings) {
    var checks = CheckSources.of(kitRoot, checkClass, manifest);
    return new Provenance(
        settings.get(VERSION).orElseGet(() -> gitCommit(kitRoot)),
        hash(kitRoot, checks.roots(), CheckSources::isUnitTest),
        filesHash(workspace.root()),
        hintsShown(settings));
  }

  /**
   * The hash a report's {@code provenance.filesHash} holds for this submission folder: what a
   * grader compares with, to know a report is about these files.
   */
  public static String filesHash(Path submission) {
    try {
      var root = submission.toRealPath();
      return hash(root, List.of(root), ProvenanceProbe::notGraded);
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  static boolean hintsShown(LabSettings settings) {
    return !"false".equalsIgnoreCase(settings.get(HINTS, "true"));
  }

  /** {@code git rev-parse HEAD} of the kit, or "unknown" outside a git checkout. */
  private static String gitCommit(Path kitRoot) {
    return firstLineOf(List.of("git", "-C", kitRoot.toString(), "rev-parse", "HEAD"), GIT_LIMIT)
        .orElse("unknown");
  }

  /**
   * The first line a command prints, when it ends with 0 within {@code limit}. Its output is read
   * while it runs, so the limit holds even when the command never ends (a git waiting on a lock, a
   * hook, a prompt). It sees what finds git and its configuration, nothing else of the kit's
   * environment.
   */
  static Optional<String> firstLineOf(List<String> command, Duration limit) {
    try {
      var result =
          Command.of(command)
              .within(limit)
              .passing("PATH", "HOME", "LANG", "TMPDIR", "XDG_CONFIG_HOME")
              .passingPrefixed("GIT_")
              .run();
      if (!result.succeeded()) {
        return Optional.empty();
      }
      return result.output().lines().findFirst().map(String::strip).filter(s -> !s.isEmpty());
    } catch (UncheckedIOException e) {
      return Optional.empty(); // no git on this machine
    } catch (CommandInterrupted e) {
      return Optional.empty();
    }
  }

  /**
   * SHA-256 over the sorted relative names of the files below {@code roots} and, per file, what
   * stands for it: a regular file's content (or, over {@link Workspace#MAX_FILE_BYTES}, its size
   * and a marker), a link's target, a marker for anything else (a FIFO, a socket, a device: never
   * opened, since opening a FIFO blocks). Links are never followed. The walk stops after {@link
   * #MAX_ENTRIES} entries and the hash then ends with a marker saying so; which entries made it in
   * depends on the file system's listing order, so only trees within the bound hash the same on
   * every machine.
   */
  private static boolean notGraded(String relativeName) {
    return NOT_GRADED.stream().anyMatch(relativeName::startsWith);
  }

  static String hash(Path base, List<Path> roots, Predicate<String> excluded) {
    return hash(base, roots, excluded, MAX_ENTRIES);
  }

  static String hash(Path base, List<Path> roots, Predicate<String> excluded, int maxEntries) {
    try {
      var walk = new BoundedWalk(base, excluded, maxEntries);
      for (var root : roots) {
        if (Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
          Files.walkFileTree(root, walk);
        }
      }
      var digest = MessageDigest.getInstance("SHA-256");
      for (var entry : new TreeMap<>(walk.files).entrySet()) {
        digest.update((entry.getKey() + "\0").getBytes(StandardCharsets.UTF_8));
        hashEntry(digest, base.resolve(entry.getKey()), entry.getValue());
        digest.update((byte) 0);
      }
      if (walk.truncated) {
        digest.update(
            ("\0more than " + maxEntries + " entries: the rest not hashed\0")
                .getBytes(StandardCharsets.UTF_8));
      }
      return "sha256:" + HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void hashEntry(MessageDigest digest, Path path, BasicFileAttributes attributes)
      throws IOException {
    if (attributes == null) {
      digest.update("unreadable".getBytes(StandardCharsets.UTF_8));
    } else if (attributes.isSymbolicLink()) {
      digest.update(("link:" + Files.readSymbolicLink(path)).getBytes(StandardCharsets.UTF_8));
    } else if (!attributes.isRegularFile()) {
      digest.update("not a regular file".getBytes(StandardCharsets.UTF_8));
    } else if (attributes.size() > Workspace.MAX_FILE_BYTES) {
      digest.update(
          ("too large: " + attributes.size() + " bytes").getBytes(StandardCharsets.UTF_8));
    } else {
      // Read no more than the bound, even if the file grew since it was listed.
      try (InputStream in = Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS)) {
        var bytes = in.readNBytes((int) Workspace.MAX_FILE_BYTES);
        digest.update(bytes);
      } catch (IOException e) {
        digest.update(("unreadable: " + e.getMessage()).getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  /**
   * Collects the files below the roots with their attributes, links not followed, excluded names
   * and folders skipped without being walked, and stops after {@code limit} entries.
   */
  private static final class BoundedWalk extends SimpleFileVisitor<Path> {
    private final Path base;
    private final Predicate<String> excluded;
    private final int limit;
    final Map<String, BasicFileAttributes> files = new HashMap<>();
    int entries;
    boolean truncated;

    BoundedWalk(Path base, Predicate<String> excluded, int limit) {
      this.base = base;
      this.excluded = excluded;
      this.limit = limit;
    }

    private String name(Path path) {
      return base.relativize(path).toString().replace('\\', '/');
    }

    private boolean isExcluded(String name) {
      return excluded.test(name);
    }

    private FileVisitResult count() {
      if (++entries > limit) {
        truncated = true;
        return FileVisitResult.TERMINATE;
      }
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
      var name = name(dir);
      if (!name.isEmpty() && isExcluded(name + "/")) {
        return FileVisitResult.SKIP_SUBTREE;
      }
      return count();
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
      var name = name(file);
      if (isExcluded(name)) {
        return FileVisitResult.CONTINUE;
      }
      var result = count();
      if (result == FileVisitResult.CONTINUE) {
        files.put(name, attributes);
      }
      return result;
    }

    @Override
    public FileVisitResult visitFileFailed(Path file, IOException e) {
      var name = name(file);
      if (isExcluded(name)) {
        return FileVisitResult.CONTINUE;
      }
      var result = count();
      if (result == FileVisitResult.CONTINUE) {
        files.put(name, null);
      }
      return result;
    }
  }
}
