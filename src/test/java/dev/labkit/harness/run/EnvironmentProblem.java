package dev.labkit.harness.run;

/**
 * A check could not run because of the machine, not the learner's files: no Docker engine, a
 * missing image, a container that would not start. Reported as status {@code error} with this
 * message as it is, and a hint on what to do.
 */
public class EnvironmentProblem extends RuntimeException {

  private final String hint;

  public EnvironmentProblem(String message, String hint) {
    super(message);
    this.hint = hint;
  }

  public String hint() {
    return hint;
  }

  /** The message says it all; a trace into the harness would only hide it. */
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
