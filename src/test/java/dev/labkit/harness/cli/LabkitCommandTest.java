package dev.labkit.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.labkit.harness.lab.LabCatalog;
import dev.labkit.harness.report.CheckStatus;
import dev.labkit.harness.report.ReportWriter;
import dev.labkit.harness.report.ReportWriterTest;
import dev.labkit.harness.run.KitRoot;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabkitCommandTest {

  final LabCatalog catalog = new LabCatalog(KitRoot.locate());

  @Test
  void anUnknownLabListsTheValidOnesWithTheirCommands() {
    assertThatThrownBy(
            () -> LabkitCommand.validate(KitRoot.locate(), catalog, "presigned-urls", "", ""))
        .hasMessageContaining("There is no lab 'presigned-urls'")
        .hasMessageContaining("mvn verify -Dlab=presigned-url");
  }

  @Test
  void theLabListShowsTheLastScoreOfEachLabRunHere(@TempDir Path kitRoot) throws Exception {
    var report = ReportWriterTest.sample(CheckStatus.FAILED);
    ReportWriter.write(kitRoot.resolve("target/labkit/presigned-url"), report);
    Files.createDirectories(kitRoot.resolve("target/labkit/nginx-reverse-proxy"));
    Files.writeString(
        kitRoot.resolve("target/labkit/nginx-reverse-proxy/report.json"), "{ not json");

    var list = LabkitCommand.labList(catalog, kitRoot);

    assertThat(list)
        .contains("mvn verify -Dlab=presigned-url")
        .contains("last run 2026-11-29 10:00 UTC: 5/15 points, 1 of 2 checks passed")
        .contains("last report unreadable")
        .doesNotContain("Exception");
    assertThat(list.lines().filter(line -> line.contains("last run")).count()).isEqualTo(1);
  }

  @Test
  void aMissingWorkspaceIsNamed() {
    assertThatThrownBy(
            () ->
                LabkitCommand.validate(
                    KitRoot.locate(), catalog, "presigned-url", "submissions/nobody", ""))
        .hasMessageContaining("The folder to check does not exist")
        .hasMessageContaining("submissions/nobody");
  }

  @Test
  void aKnownLabAndFolderPass() {
    assertThatCode(
            () ->
                LabkitCommand.validate(
                    KitRoot.locate(),
                    catalog,
                    "presigned-url",
                    "labs/presigned-url/.meta/solution",
                    ""))
        .doesNotThrowAnyException();
  }

  @Test
  void anUnknownCheckIsNamedWithTheLabsChecksBeforeAnyRun() {
    assertThatThrownBy(
            () ->
                LabkitCommand.validate(
                    KitRoot.locate(), catalog, "presigned-url", "", "upload, uplaod"))
        .hasMessageContaining("'uplaod' is no check of presigned-url")
        .hasMessageContaining("code-compiles")
        .hasMessageNotContaining("'upload'");
  }

  @Test
  void aSubmissionThatLinksToTheKitsSolutionIsRefusedBeforeAnyCheck(@TempDir Path submissions)
      throws Exception {
    var link =
        Files.createSymbolicLink(
            submissions.resolve("mallory"),
            KitRoot.locate().resolve("labs/presigned-url/.meta/solution"));

    assertThatThrownBy(
            () ->
                LabkitCommand.validate(
                    KitRoot.locate(), catalog, "presigned-url", link.toString(), ""))
        .hasMessageContaining("The folder to check is a symbolic link: " + link);
  }

  @Test
  void aReportThatDoesNotAddUpIsNotPublished(@TempDir Path folder) throws Exception {
    var reports = Files.createDirectories(folder.resolve("labkit"));
    var report = ReportWriterTest.sample(CheckStatus.FAILED);
    // A lab's real manifest, a report of another lab claiming full marks.
    ReportWriter.write(reports, report);
    var summary = folder.resolve("summary.md");
    var outputs = folder.resolve("outputs");
    var printed = new ByteArrayOutputStream();

    LabkitCommand.github(
        catalog,
        reports,
        ".",
        "presigned-url",
        "",
        new PrintStream(printed, true, StandardCharsets.UTF_8),
        Map.of("GITHUB_OUTPUT", outputs.toString(), "GITHUB_STEP_SUMMARY", summary.toString()));

    assertThat(printed.toString(StandardCharsets.UTF_8))
        .startsWith("::error title=labkit%3A not graded::report.json does not match")
        .contains("report of lab demo, not presigned-url");
    assertThat(Files.readString(outputs))
        .contains("score=0\n", "max-score=100\n", "passed=false\n");
    assertThat(Files.readString(summary)).startsWith("## labkit: presigned-url — not graded");
  }

  @Test
  void aMissingReportIsNotGradedEither(@TempDir Path folder) {
    var printed = new ByteArrayOutputStream();

    LabkitCommand.github(
        catalog,
        folder,
        ".",
        "presigned-url",
        "",
        new PrintStream(printed, true, StandardCharsets.UTF_8),
        Map.of());

    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("no report.json was written");
  }
}
