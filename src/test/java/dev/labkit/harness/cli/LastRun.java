package dev.labkit.harness.cli;

import dev.labkit.harness.report.CheckStatus;
import dev.labkit.harness.report.ReportWriter;
import dev.labkit.harness.report.RunReport;
import dev.labkit.harness.run.LabSettings;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Where a learner stands on one lab: the last report a run of it left in {@code
 * target/labkit/<id>/}, told in one line for the lab list. Runs with {@code -Dlabkit.reportDir}
 * elsewhere (graders, the selftest) are not the learner's progress and are not looked for.
 */
final class LastRun {

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private LastRun() {}

  /** Empty when the lab was never run here (or its report was removed, e.g. by mvn clean). */
  static Optional<String> of(Path kitRoot, String labId) {
    var folder = LabSettings.defaultReportFolder(kitRoot, labId);
    if (!Files.isRegularFile(folder.resolve(ReportWriter.JSON))) {
      return Optional.empty();
    }
    try {
      return Optional.of(describe(ReportWriter.read(folder)));
    } catch (UncheckedIOException | IllegalArgumentException unreadable) {
      return Optional.of("last report unreadable (" + folder.resolve(ReportWriter.JSON) + ")");
    }
  }

  static String describe(RunReport report) {
    long passed =
        report.checks().stream().filter(check -> check.status() == CheckStatus.PASSED).count();
    return String.format(
        "last run %s: %d/%d points, %d of %d checks passed",
        WHEN.format(report.startedAt()),
        report.score(),
        report.maxScore(),
        passed,
        report.checks().size());
  }
}
