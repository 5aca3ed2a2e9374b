package dev.labkit.harness.run;

import dev.labkit.harness.report.Provenance;
import dev.labkit.harness.workspace.Workspace;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Computes a run's {@link Provenance}. Hashes are SHA-256 over the sorted relative paths and
 * contents of the files (a link counts by where it points, never by what it points to), so the same
 * files give the same hash on any machine.
 */
public final class ProvenanceProbe {

  static final String VERSION = "labkit.version";
  static final String HINTS = "labkit.hints";

  /**
   * Not part of what a learner hands in: the kit's own folders inside a lab folder, and build
   * output (Maven's target/, which no check reads).
   */
  private static final List<String> NOT_GRADED =
      List.of(
          "solution/", "alternatives/", "mistakes/", "lab.yaml", "README.md", ".git/", "target/");

  private ProvenanceProbe() {}

  static Provenance of(
      Path kitRoot, Class<?> checkClass, String labId, Workspace workspace, LabSettings settings) {
    var checkFiles = new ArrayList<Path>();
    var sources = kitRoot.resolve("src/test/java");
    checkFiles.add(sources.resolve("dev/labkit/harness"));
    checkFiles.add(sources.resolve(checkClass.getPackageName().replace('.', '/')));
    checkFiles.add(kitRoot.resolve("labs").resolve(labId).resolve("lab.yaml"));
    checkFiles.add(kitRoot.resolve("images/catalog.properties"));
    return new Provenance(
        settings.get(VERSION).orElseGet(() -> gitCommit(kitRoot)),
        hash(kitRoot, checkFiles, List.of()),
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
      return hash(root, List.of(root), NOT_GRADED);
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  static boolean hintsShown(LabSettings settings) {
    return !"false".equalsIgnoreCase(settings.get(HINTS, "true"));
  }

  /** {@code git rev-parse HEAD} of the kit, or "unknown" outside a git checkout. */
  private static String gitCommit(Path kitRoot) {
    try {
      var process =
          new ProcessBuilder("git", "-C", kitRoot.toString(), "rev-parse", "HEAD")
              .redirectErrorStream(true)
              .start();
      var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0) {
        return output.strip();
      }
      process.destroyForcibly();
    } catch (IOException e) {
      // no git on this machine
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return "unknown";
  }

  private static String hash(Path base, List<Path> roots, List<String> excluded) {
    try {
      var digest = MessageDigest.getInstance("SHA-256");
      var files = new ArrayList<Path>();
      for (var root : roots) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        try (Stream<Path> walk = Files.walk(root)) {
          walk.filter(path -> !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS))
              .forEach(files::add);
        }
      }
      var relative =
          files.stream()
              .map(path -> base.relativize(path).toString().replace('\\', '/'))
              .filter(name -> excluded.stream().noneMatch(name::startsWith))
              .sorted()
              .toList();
      for (var name : relative) {
        var path = base.resolve(name);
        digest.update((name + "\0").getBytes(StandardCharsets.UTF_8));
        if (Files.isSymbolicLink(path)) {
          digest.update(("link:" + Files.readSymbolicLink(path)).getBytes(StandardCharsets.UTF_8));
        } else {
          try (InputStream in = new DigestInputStream(Files.newInputStream(path), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
          }
        }
        digest.update((byte) 0);
      }
      return "sha256:" + HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
