package dev.labkit.harness.report;

import java.util.Locale;

/** The short table printed at the end of a run: check, status, points, time. */
public final class ConsoleSummary {

  private ConsoleSummary() {}

  /**
   * @param reportFolder where report.md was written, as the learner should read it (relative to the
   *     kit when it is inside)
   */
  public static String render(RunReport report, String reportFolder) {
    int idWidth =
        Math.max(5, report.checks().stream().mapToInt(c -> c.id().length()).max().orElse(5));
    var format = "%-" + idWidth + "s  %-7s  %7s  %7s%n";
    var text = new StringBuilder();
    text.append(String.format(Locale.ROOT, format, "check", "status", "points", "time"));
    for (var check : report.checks()) {
      text.append(
          String.format(
              Locale.ROOT,
              format,
              check.id(),
              check.status().label(),
              check.points() + "/" + check.maxPoints(),
              String.format(Locale.ROOT, "%.1f s", check.durationMs() / 1000.0)));
    }
    text.append(
        String.format(
            Locale.ROOT,
            "%s: %d/%d points, %s%n",
            report.lab(),
            report.score(),
            report.maxScore(),
            verdict(report, reportFolder)));
    return text.toString();
  }

  private static String verdict(RunReport report, String reportFolder) {
    long notPassed =
        report.checks().stream().filter(check -> check.status() != CheckStatus.PASSED).count();
    long skipped =
        report.checks().stream().filter(check -> check.status() == CheckStatus.SKIPPED).count();
    if (notPassed == 0) {
      return "every check passed";
    }
    if (notPassed == skipped) {
      return "every check that could run here passed; " + skipped + " skipped (reasons above)";
    }
    return "not done yet: see the messages above, or " + reportFolder + "/" + ReportWriter.MARKDOWN;
  }
}
