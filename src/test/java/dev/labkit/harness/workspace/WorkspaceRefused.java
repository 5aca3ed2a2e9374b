package dev.labkit.harness.workspace;

import dev.labkit.harness.run.EnvironmentProblem;

/**
 * The folder to check may not be checked: it is a link, or a way into the kit's own folder (a
 * submission that links to {@code labs/<id>/solution} would score what the kit's solution scores).
 * A usage error, reported before any check runs.
 */
public final class WorkspaceRefused extends EnvironmentProblem {

  public WorkspaceRefused(String message) {
    super(
        message,
        "Check the submission's own folder: a real folder with the lab's files in it, not a link"
            + " and not a way into the kit's folder.");
  }
}
