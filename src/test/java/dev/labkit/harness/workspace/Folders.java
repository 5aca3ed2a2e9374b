package dev.labkit.harness.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Copies and deletes folder trees of the kit's own (staged labs, selftest cases, temp folders).
 * Learner files never go through here: {@link Workspace} reads those, with its safety rules.
 */
public final class Folders {

  private Folders() {}

  /**
   * Copies a file or a folder tree over {@code to}, replacing files of the same name. Links are
   * copied as links, not followed: a selftest case may be a link that leaves the workspace.
   */
  public static void copy(Path from, Path to) {
    try (Stream<Path> paths = Files.walk(from)) {
      for (var source : paths.toList()) {
        var target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(
              source, target, StandardCopyOption.REPLACE_EXISTING, LinkOption.NOFOLLOW_LINKS);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes a folder and everything in it (links, not their targets); nothing if it is absent. */
  public static void delete(Path folder) {
    if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (var path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A new empty folder under the system's temp folder, named for what it holds. */
  public static Path createTemp(String purpose) {
    try {
      return Files.createTempDirectory("labkit-" + purpose + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
