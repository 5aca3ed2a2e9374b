package dev.labkit.harness.feedback;

import java.util.List;
import org.opentest4j.AssertionFailedError;

/**
 * A check failed because of the learner's work. Carries every problem found, so the report can show
 * each with its file and line; the message is what the console prints, without a stack trace.
 */
public final class CheckFailure extends AssertionFailedError {

  private final transient List<Problem> problems;

  public CheckFailure(List<Problem> problems) {
    super(render(problems));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }

  private static String render(List<Problem> problems) {
    if (problems.size() == 1) {
      return problems.get(0).describe();
    }
    var text = new StringBuilder(problems.size() + " problems:");
    for (int i = 0; i < problems.size(); i++) {
      text.append("\n").append(i + 1).append(") ").append(problems.get(i).describe());
    }
    return text.toString();
  }

  /** No stack trace: the message is the whole story, and the trace points into the harness. */
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
