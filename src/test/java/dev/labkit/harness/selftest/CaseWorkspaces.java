package dev.labkit.harness.selftest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/** Lays out a case's workspace: a copy of the solution with the case's files laid over it. */
public final class CaseWorkspaces {

  private CaseWorkspaces() {}

  public static Path materialize(SelfTestCase testCase, Path target) {
    if (testCase.overlay().isEmpty()) {
      return testCase.baseFolder();
    }
    deleteRecursively(target);
    copyTree(testCase.baseFolder(), target);
    copyTree(testCase.overlay().get(), target);
    try {
      Files.deleteIfExists(target.resolve(SelfTestCases.EXPECT_FILE));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }

  /**
   * Copies files as they are, links included (a mistake may be a link that leaves the workspace).
   */
  private static void copyTree(Path from, Path to) {
    try (Stream<Path> paths = Files.walk(from)) {
      for (var source : paths.toList()) {
        var destination = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectories(destination);
        } else {
          Files.createDirectories(destination.getParent());
          Files.copy(
              source, destination, StandardCopyOption.REPLACE_EXISTING, LinkOption.NOFOLLOW_LINKS);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteRecursively(Path folder) {
    if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (var path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
