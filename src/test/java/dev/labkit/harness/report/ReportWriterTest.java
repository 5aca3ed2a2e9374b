package dev.labkit.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.labkit.harness.feedback.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class ReportWriterTest {

  @TempDir Path folder;

  public static RunReport sample(CheckStatus secondStatus) {
    var problem =
        Problem.in("bucket/cors.json", "not valid JSON").at(3, 7).hint("A trailing comma?");
    return new RunReport(
        RunReport.FORMAT_VERSION,
        "demo",
        "Demo lab",
        "labs/demo",
        Map.of("s3", "embedded"),
        new Provenance("0123abc", "sha256:aa", "sha256:bb", false),
        Instant.parse("2026-11-29T10:00:00Z"),
        1234,
        5,
        15,
        List.of(
            new CheckResult(
                "one",
                "First | check",
                CheckStatus.PASSED,
                5,
                5,
                null,
                null,
                null,
                null,
                10,
                List.of()),
            new CheckResult(
                "two",
                "Second",
                secondStatus,
                0,
                10,
                problem.describe(),
                problem.hint(),
                problem.file(),
                problem.line(),
                20,
                List.of(problem))));
  }

  /**
   * A report as a hostile submission could make it if nothing escaped its text: a folder name and a
   * message with CR, ESC and a bidi override, a file name with a line feed.
   */
  static RunReport hostile() {
    var text = "x\r::error::forged\u001b[2J\u202e";
    var problem = new Problem("src/A\n::error::x.java", 1, null, text, null, text, null, null);
    var sample = sample(CheckStatus.FAILED);
    var failed = sample.checks().get(1);
    return new RunReport(
        sample.formatVersion(),
        sample.lab(),
        sample.title(),
        "/subs/`mallory`\r\n::add-mask::demo\u001b[8m",
        Map.of("s3", "embedded\u001b[31m"),
        sample.provenance(),
        sample.startedAt(),
        sample.durationMs(),
        sample.score(),
        sample.maxScore(),
        List.of(
            sample.checks().get(0),
            new CheckResult(
                failed.id(),
                failed.title(),
                CheckStatus.FAILED,
                0,
                10,
                problem.describe(),
                null,
                problem.file(),
                1,
                20,
                List.of(problem))));
  }

  @Test
  void jsonCarriesTheDocumentedFields() throws IOException {
    ReportWriter.write(folder, sample(CheckStatus.FAILED));
    var json = new ObjectMapper().readTree(folder.resolve("report.json").toFile());
    assertThat(json.path("formatVersion").asInt()).isEqualTo(2);
    assertThat(json.path("provenance").path("kitVersion").asText()).isEqualTo("0123abc");
    assertThat(json.path("provenance").path("checksHash").asText()).isEqualTo("sha256:aa");
    assertThat(json.path("provenance").path("filesHash").asText()).isEqualTo("sha256:bb");
    assertThat(json.path("provenance").path("hintsShown").asBoolean()).isFalse();
    assertThat(json.path("lab").asText()).isEqualTo("demo");
    assertThat(json.path("startedAt").asText()).isEqualTo("2026-11-29T10:00:00Z");
    assertThat(json.path("score").asInt()).isEqualTo(5);
    assertThat(json.path("maxScore").asInt()).isEqualTo(15);
    assertThat(json.path("backends").path("s3").asText()).isEqualTo("embedded");
    var check = json.path("checks").get(1);
    assertThat(check.path("status").asText()).isEqualTo("failed");
    assertThat(check.path("file").asText()).isEqualTo("bucket/cors.json");
    assertThat(check.path("line").asInt()).isEqualTo(3);
    assertThat(check.path("durationMs").asLong()).isEqualTo(20);
    assertThat(check.path("problems").get(0).path("column").asInt()).isEqualTo(7);
    assertThat(json.path("checks").get(0).has("message"))
        .as("null fields stay in the format")
        .isTrue();
  }

  @Test
  void jsonReadsBack() {
    ReportWriter.write(folder, sample(CheckStatus.ERROR));
    assertThat(ReportWriter.read(folder)).isEqualTo(sample(CheckStatus.ERROR));
  }

  @Test
  void markdownHasATableAndTheMessagesOfWhatDidNotPass() throws IOException {
    ReportWriter.write(folder, sample(CheckStatus.FAILED));
    var markdown = Files.readString(folder.resolve("report.md"));
    assertThat(markdown)
        .contains("## labkit: demo — 5/15 points")
        .contains("| First \\| check (`one`) | ✅ passed | 5/5 | 0.0 s |")
        .contains("| Second (`two`) | ❌ failed | 0/10 |")
        .contains("### two: failed")
        .contains("bucket/cors.json:3:7: not valid JSON");
  }

  @Test
  void markdownShowsALearnersControlCharactersAndKeepsItsCodeSpansClosed() throws IOException {
    ReportWriter.write(folder, hostile());
    var markdown = Files.readString(folder.resolve("report.md"));

    assertThat(markdown)
        .doesNotContain("\r", "\u001b", "\u202e")
        .contains("Workspace `/subs/'mallory'\\r\\n::add-mask::demo\\u001b[8m`")
        .contains("s3: embedded\\u001b[31m")
        .contains("x\\r::error::forged\\u001b[2J\\u202e");
  }

  @Test
  void consoleSummaryTellsPassedFromSkippedFromFailed() {
    assertThat(ConsoleSummary.render(sample(CheckStatus.PASSED), "target/labkit/demo"))
        .contains("demo: 5/15 points, every check passed");
    assertThat(ConsoleSummary.render(sample(CheckStatus.SKIPPED), "target/labkit/demo"))
        .contains("every check that could run here passed; 1 skipped");
    assertThat(ConsoleSummary.render(sample(CheckStatus.FAILED), "target/labkit/demo"))
        .contains("not done yet: see the messages above, or target/labkit/demo/report.md");
  }
}
