package dev.labkit.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.labkit.harness.lab.LabManifest;
import dev.labkit.harness.lab.LabManifest.CheckSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReportAuditTest {

  static final LabManifest DEMO =
      new LabManifest(
          "demo",
          "Demo lab",
          List.of(),
          List.of(new CheckSpec("one", "First | check", 5), new CheckSpec("two", "Second", 10)),
          List.of(),
          null,
          List.of());

  @Test
  void aReportTheChecksWroteAddsUp() {
    var report = ReportWriterTest.sample(CheckStatus.FAILED);

    assertThat(ReportAudit.discrepancies(report, DEMO, Optional.of("sha256:bb"))).isEmpty();
  }

  @Test
  void aScoreTheChecksDoNotAddUpToIsFound() {
    var honest = ReportWriterTest.sample(CheckStatus.FAILED);
    var forged = withScore(honest, 15, honest.checks());

    assertThat(ReportAudit.discrepancies(forged, DEMO, Optional.empty()))
        .singleElement()
        .asString()
        .contains("score 15/15")
        .contains("add up to 5/15");
  }

  @Test
  void aCheckMarkedPassedWithoutItsPointsOrFailedWithThemIsFound() {
    var honest = ReportWriterTest.sample(CheckStatus.FAILED);
    var checks = new ArrayList<>(honest.checks());
    var second = checks.get(1);
    checks.set(
        1,
        new CheckResult(
            second.id(),
            second.title(),
            CheckStatus.FAILED,
            10,
            10,
            second.message(),
            second.hint(),
            second.file(),
            second.line(),
            second.durationMs(),
            second.problems()));

    assertThat(ReportAudit.discrepancies(withScore(honest, 15, checks), DEMO, Optional.empty()))
        .anySatisfy(found -> assertThat(found).contains("two has 10 points for status failed"));
  }

  @Test
  void anotherLabsOrAnotherSubmissionsReportIsFound() {
    var report = ReportWriterTest.sample(CheckStatus.PASSED);
    var otherLab =
        new LabManifest("other", "Other", List.of(), DEMO.checks(), List.of(), null, List.of());

    assertThat(ReportAudit.discrepancies(report, otherLab, Optional.empty()))
        .anySatisfy(found -> assertThat(found).contains("lab demo, not other"));
    assertThat(ReportAudit.discrepancies(report, DEMO, Optional.of("sha256:cc")))
        .anySatisfy(found -> assertThat(found).contains("other files"));
  }

  @Test
  void checksOutOfTheManifestsOrderOrWorthAreFound() {
    var report = ReportWriterTest.sample(CheckStatus.PASSED);
    var reordered =
        new LabManifest(
            "demo",
            "Demo lab",
            List.of(),
            List.of(new CheckSpec("two", "Second", 10), new CheckSpec("one", "First", 5)),
            List.of(),
            null,
            List.of());

    assertThat(ReportAudit.discrepancies(report, reordered, Optional.empty()))
        .anySatisfy(found -> assertThat(found).contains("check 1 is one worth 5, not two"));
  }

  private static RunReport withScore(RunReport report, int score, List<CheckResult> checks) {
    return new RunReport(
        report.formatVersion(),
        report.lab(),
        report.title(),
        report.workspace(),
        Map.copyOf(report.backends()),
        report.provenance(),
        report.startedAt(),
        report.durationMs(),
        score,
        report.maxScore(),
        checks);
  }
}
