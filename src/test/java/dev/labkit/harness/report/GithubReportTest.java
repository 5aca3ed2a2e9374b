package dev.labkit.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GithubReportTest {

  @Test
  void aFailedCheckBecomesAnErrorOnTheLearnersFile() {
    var report = ReportWriterTest.sample(CheckStatus.FAILED);

    assertThat(GithubReport.annotations(report, "./labs/demo/"))
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line)
                  .startsWith(
                      "::error file=labs/demo/bucket/cors.json,line=3,title=two%3A Second::");
              assertThat(line).doesNotContain("\n").contains("%0A");
            });
    assertThat(GithubReport.outputs(report))
        .containsEntry("score", "5")
        .containsEntry("max-score", "15")
        .containsEntry("passed", "false");
  }

  @Test
  void passedAndSkippedChecksMakeNoAnnotation() {
    assertThat(GithubReport.annotations(ReportWriterTest.sample(CheckStatus.SKIPPED), "."))
        .isEmpty();
  }
}
