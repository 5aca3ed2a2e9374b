package dev.labkit.labs.presignedurl;

import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.sandbox.LearnerThrew;
import java.util.List;

/**
 * When the learner's code may refuse a request, a refusal is an exception it throws: a call that
 * did not return, or that ended the JVM running the code, refused nothing.
 */
final class Refusal {

  private Refusal() {}

  /** Nothing when the call threw; otherwise the problem, naming the call as {@code what}. */
  static List<Problem> judge(LearnerThrew outcome, String what) {
    if (outcome.kind() == LearnerThrew.Kind.THREW) {
      return List.of();
    }
    return List.of(
        outcome
            .asProblem(PhotoUrlsContract.FILE, what)
            .expected("a URL, or an exception that refuses the request"));
  }
}
