package dev.labkit.harness.workspace;

import dev.labkit.harness.run.EnvironmentProblem;

/** The folder to check does not exist: a usage error, reported before any check runs. */
public final class WorkspaceMissing extends EnvironmentProblem {

  public WorkspaceMissing(String message) {
    super(
        message,
        "Check the path given with -Dlabkit.workspace (absolute, or relative to the kit's folder).");
  }
}
