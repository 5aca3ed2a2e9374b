package dev.labkit.harness.report;

import dev.labkit.harness.feedback.Problem;
import java.util.List;

/** One line of the report: a check and how it ended. Field names are the report.json format. */
public record CheckResult(
    String id,
    String title,
    CheckStatus status,
    int points,
    int maxPoints,
    String message,
    String hint,
    String file,
    Integer line,
    long durationMs,
    List<Problem> problems) {

  public CheckResult {
    problems = problems == null ? List.of() : List.copyOf(problems);
  }
}
