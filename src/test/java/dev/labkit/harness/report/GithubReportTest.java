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

  @Test
  void aLearnersControlCharactersShowInTheAnnotationAndCannotStartALine() {
    var annotation =
        GithubReport.annotations(ReportWriterTest.hostile(), "sub").stream()
            .findFirst()
            .orElseThrow();

    assertThat(annotation)
        .doesNotContain("\r", "\n", "\u001b", "\u202e")
        .startsWith("::error file=sub/src/A\\n%3A%3Aerror%3A%3Ax.java,line=1,title=two%3A Second::")
        .contains("x\\r::error::forged\\u001b[2J\\u202e");
  }
}
