package dev.labkit.harness.workspace;

/** The folder to check does not exist: a usage error, reported before any check runs. */
public final class WorkspaceMissing extends RuntimeException {

  public WorkspaceMissing(String message) {
    super(message);
  }
}
