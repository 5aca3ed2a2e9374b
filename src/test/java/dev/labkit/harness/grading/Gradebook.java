package dev.labkit.harness.grading;

import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.labkit.harness.lab.LabManifest;
import dev.labkit.harness.report.PrintableText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * gradebook.csv: one row per submission (submission, score, max_score, one column per check with
 * its status, duration in seconds, a note when the submission could not be graded to the end).
 *
 * <p>A submission's folder name and a note (which may quote the learner's last output line) are the
 * learner's text, and a spreadsheet runs a cell that starts like a formula: every text cell is
 * {@link PrintableText#oneLine one printable line}, and one that starts with {@code =}, {@code +},
 * {@code -}, {@code @} (or their full-width forms), a tab or a CR gets a leading {@code '}, which
 * spreadsheets read as "this is text" (OWASP, CSV injection). Quoting is left to Jackson.
 */
public final class Gradebook {

  /** What a spreadsheet may read as the start of a formula (OWASP's list, full-width forms too). */
  private static final String FORMULA_STARTS = "=+-@\t\r\uFF1D\uFF0B\uFF0D\uFF20";

  private Gradebook() {}

  /** A text cell as the gradebook writes it: one printable line that no spreadsheet runs. */
  public static String cell(String text) {
    var line = PrintableText.oneLine(text == null ? "" : text);
    return !line.isEmpty() && FORMULA_STARTS.indexOf(line.charAt(0)) >= 0 ? "'" + line : line;
  }

  public static void write(Path file, LabManifest manifest, List<GradedSubmission> rows) {
    var schema = CsvSchema.builder();
    var columns = new ArrayList<>(List.of("submission", "score", "max_score"));
    manifest.checks().forEach(check -> columns.add(check.id()));
    columns.addAll(List.of("duration_s", "note"));
    columns.forEach(schema::addColumn);
    var records = new ArrayList<Map<String, Object>>();
    for (var row : rows) {
      var record = new LinkedHashMap<String, Object>();
      record.put("submission", cell(row.name()));
      record.put("score", row.score());
      record.put("max_score", manifest.maxScore());
      manifest.checks().forEach(check -> record.put(check.id(), cell(row.statusOf(check.id()))));
      record.put(
          "duration_s", String.format(java.util.Locale.ROOT, "%.1f", row.durationMs() / 1000.0));
      record.put("note", cell(row.note()));
      records.add(record);
    }
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(
          file,
          // Quote only what needs it; by default Jackson quotes every value over 24 characters.
          CsvMapper.builder()
              .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
              .build()
              .writer(schema.setUseHeader(true).build())
              .writeValueAsString(records),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
