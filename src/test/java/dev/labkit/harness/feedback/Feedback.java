package dev.labkit.harness.feedback;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Collects the problems of one check, so the learner sees all of them in one run, then fails the
 * check once ({@link #assertNone()}). Checks add problems as they probe; nothing is thrown early.
 */
public final class Feedback {

  private final List<Problem> problems = new ArrayList<>();

  public Feedback add(Problem problem) {
    problems.add(problem);
    return this;
  }

  /** Adds the problem only when {@code ok} is false; the supplier keeps expensive text lazy. */
  public boolean expect(boolean ok, Supplier<Problem> problem) {
    if (!ok) {
      add(problem.get());
    }
    return ok;
  }

  public boolean isEmpty() {
    return problems.isEmpty();
  }

  public List<Problem> problems() {
    return List.copyOf(problems);
  }

  /** Fails the check with every problem collected; passes silently when there are none. */
  public void assertNone() {
    if (!problems.isEmpty()) {
      throw new CheckFailure(problems);
    }
  }
}
