package dev.labkit.harness.java;

import dev.labkit.harness.workspace.Folders;
import java.nio.file.Path;

/**
 * The learner's compiled classes, in a temporary folder deleted when closed. The kit never loads
 * them: a {@link dev.labkit.harness.sandbox.LearnerSandbox} runs them.
 */
public final class CompiledClasses implements AutoCloseable {

  private final Path folder;

  CompiledClasses(Path folder) {
    this.folder = folder;
  }

  public Path folder() {
    return folder;
  }

  @Override
  public void close() {
    Folders.delete(folder);
  }
}
