package dev.labkit.harness.run;

import dev.labkit.harness.feedback.CheckFailure;
import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.report.CheckStatus;
import dev.labkit.harness.report.PrintableText;
import java.util.List;
import org.opentest4j.TestAbortedException;

/**
 * How one check ended, derived from what the check method threw (or did not). Every outcome is made
 * here, so here its text is made printable ({@link PrintableText}): the console, report.md,
 * report.json and the CI annotations all carry what this record holds.
 */
record CheckOutcome(CheckStatus status, String message, List<Problem> problems, long durationMs) {

  static final String KIT_ERROR_HINT =
      "This is a problem of the kit or its environment, not of your files. Re-run; if it stays, "
          + "show target/labkit/<lab>/report.json to your instructor.";

  CheckOutcome {
    message = PrintableText.of(message);
    problems = problems.stream().map(CheckOutcome::printable).toList();
  }

  static CheckOutcome passed(long durationMs) {
    return new CheckOutcome(CheckStatus.PASSED, null, List.of(), durationMs);
  }

  static CheckOutcome from(Throwable thrown, long durationMs) {
    if (thrown instanceof CheckFailure failure) {
      // Rendered again from the printable problems, so the message and the problems agree.
      var problems = failure.problems().stream().map(CheckOutcome::printable).toList();
      return new CheckOutcome(
          CheckStatus.FAILED, new CheckFailure(problems).getMessage(), problems, durationMs);
    }
    if (thrown instanceof TestAbortedException aborted) {
      // Assumptions prefix their message; the reason alone is what the learner reads.
      var reason = String.valueOf(aborted.getMessage()).replaceFirst("^Assumption failed: ", "");
      return new CheckOutcome(CheckStatus.SKIPPED, reason, List.of(), durationMs);
    }
    if (thrown instanceof AssertionError assertion) {
      return new CheckOutcome(
          CheckStatus.FAILED,
          assertion.getMessage(),
          List.of(Problem.of(String.valueOf(assertion.getMessage()))),
          durationMs);
    }
    var problem =
        thrown instanceof EnvironmentProblem environment
            ? Problem.of(environment.getMessage()).hint(environment.hint())
            : Problem.of(oneLine(thrown)).hint(KIT_ERROR_HINT);
    return new CheckOutcome(CheckStatus.ERROR, problem.describe(), List.of(problem), durationMs);
  }

  /**
   * The same failure without hints, for grading runs that must not tell the fix ({@code
   * -Dlabkit.hints=false}); what was expected and seen stays.
   */
  CheckOutcome withoutHints() {
    var bare = problems.stream().map(problem -> problem.hint(null).example(null)).toList();
    return new CheckOutcome(status, new CheckFailure(bare).getMessage(), bare, durationMs);
  }

  /**
   * The same failure with each hint's concept but not its complete example: a learner looks the
   * directive up first; {@code -Dlabkit.hints=full} shows the example.
   */
  CheckOutcome withoutExamples() {
    if (problems.stream().allMatch(problem -> problem.example() == null)) {
      return this;
    }
    var taught =
        problems.stream()
            .map(
                problem ->
                    problem.example() == null
                        ? problem
                        : problem
                            .hint(
                                (problem.hint() == null ? "" : problem.hint() + " ")
                                    + "(-Dlabkit.hints=full shows a complete example.)")
                            .example(null))
            .toList();
    return new CheckOutcome(status, new CheckFailure(taught).getMessage(), taught, durationMs);
  }

  private static Problem printable(Problem problem) {
    return new Problem(
        PrintableText.oneLine(problem.file()),
        problem.line(),
        problem.column(),
        PrintableText.of(problem.message()),
        PrintableText.of(problem.expected()),
        PrintableText.of(problem.actual()),
        PrintableText.of(problem.hint()),
        PrintableText.of(problem.example()));
  }

  static String oneLine(Throwable thrown) {
    var message = thrown.getMessage();
    var cause = thrown.getCause();
    var text = thrown.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    if (cause != null
        && cause != thrown
        && cause.getMessage() != null
        && (message == null || !message.contains(cause.getMessage()))) {
      text += " (caused by " + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
    }
    return text;
  }
}
