package dev.labkit.harness.selftest;

import dev.labkit.harness.workspace.Folders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Lays out a case's workspace: a copy of the solution with the case's files laid over it. */
public final class CaseWorkspaces {

  private CaseWorkspaces() {}

  public static Path materialize(SelfTestCase testCase, Path target) {
    if (testCase.overlay().isEmpty()) {
      return testCase.baseFolder();
    }
    Folders.delete(target);
    Folders.copy(testCase.baseFolder(), target);
    Folders.copy(testCase.overlay().get(), target);
    try {
      Files.deleteIfExists(target.resolve(SelfTestCases.EXPECT_FILE));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }
}
