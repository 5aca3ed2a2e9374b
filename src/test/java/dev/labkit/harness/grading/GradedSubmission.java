package dev.labkit.harness.grading;

import dev.labkit.harness.report.RunReport;
import java.util.Optional;

/**
 * One submission's outcome: its report when the run ended, or a note saying why there is none (it
 * timed out, the run crashed).
 */
public record GradedSubmission(
    String name, Optional<RunReport> report, long durationMs, String note) {

  /** The same outcome with a note added (the note says how it was graded). */
  public GradedSubmission withNote(String added) {
    return new GradedSubmission(
        name, report, durationMs, note.isEmpty() ? added : note + "; " + added);
  }

  public int score() {
    return report.map(RunReport::score).orElse(0);
  }

  public String statusOf(String checkId) {
    return report
        .flatMap(r -> r.checks().stream().filter(c -> c.id().equals(checkId)).findFirst())
        .map(check -> check.status().label())
        .orElse("not run");
  }
}
