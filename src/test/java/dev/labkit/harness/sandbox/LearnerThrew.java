package dev.labkit.harness.sandbox;

import dev.labkit.harness.feedback.Problem;
import java.time.Duration;

/**
 * A call into the learner's code did not return a value: it threw, it did not return in time, or
 * the JVM running it ended. {@link #asProblem} says which, in one line a learner can act on.
 */
public final class LearnerThrew extends Exception {

  /** How the call ended. */
  public enum Kind {
    THREW,
    TIMED_OUT,
    ENDED
  }

  private final Kind kind;
  private final String type;
  private final String detail;

  private LearnerThrew(Kind kind, String type, String detail) {
    super(type + (detail == null ? "" : ": " + detail));
    this.kind = kind;
    this.type = type;
    this.detail = detail;
  }

  /** The learner's code threw an exception of this simple type, with this message (or none). */
  public static LearnerThrew threw(String type, String message) {
    return new LearnerThrew(Kind.THREW, type, message);
  }

  public static LearnerThrew timedOut(String call, Duration limit) {
    return new LearnerThrew(
        Kind.TIMED_OUT,
        "TimeoutException",
        call + " did not return within " + limit.toSeconds() + " s");
  }

  /** The JVM running the learner's code ended while the call ran, or before it. */
  public static LearnerThrew ended(String how) {
    return new LearnerThrew(Kind.ENDED, "ended", how);
  }

  public Kind kind() {
    return kind;
  }

  /** {@code IllegalArgumentException: only JPEG and PNG}, in one line. */
  public String describe() {
    return kind == Kind.ENDED ? detail : getMessage();
  }

  /** {@code <what> threw <describe()>}, or, when the JVM ended, what happened to it. */
  public Problem asProblem(String file, String what) {
    return kind == Kind.ENDED
        ? Problem.in(file, what + " did not return: " + detail)
        : Problem.in(file, what + " threw " + describe());
  }

  /** Simple type name of what was thrown ({@code TimeoutException} for a call out of time). */
  public String type() {
    return type;
  }
}
