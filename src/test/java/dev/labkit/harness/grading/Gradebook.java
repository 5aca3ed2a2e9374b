package dev.labkit.harness.grading;

import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.labkit.harness.lab.LabManifest;
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
 */
public final class Gradebook {

  private Gradebook() {}

  public static void write(Path file, LabManifest manifest, List<GradedSubmission> rows) {
    var schema = CsvSchema.builder();
    var columns = new ArrayList<>(List.of("submission", "score", "max_score"));
    manifest.checks().forEach(check -> columns.add(check.id()));
    columns.addAll(List.of("duration_s", "note"));
    columns.forEach(schema::addColumn);
    var records = new ArrayList<Map<String, Object>>();
    for (var row : rows) {
      var record = new LinkedHashMap<String, Object>();
      record.put("submission", row.name());
      record.put("score", row.score());
      record.put("max_score", manifest.maxScore());
      manifest.checks().forEach(check -> record.put(check.id(), row.statusOf(check.id())));
      record.put(
          "duration_s", String.format(java.util.Locale.ROOT, "%.1f", row.durationMs() / 1000.0));
      record.put("note", row.note());
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
