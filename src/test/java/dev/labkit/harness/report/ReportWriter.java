package dev.labkit.harness.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes report.json (for graders) and report.md (for a CI job summary) into one folder. */
public final class ReportWriter {

  public static final String JSON = "report.json";
  public static final String MARKDOWN = "report.md";

  static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .setSerializationInclusion(JsonInclude.Include.ALWAYS);

  private ReportWriter() {}

  public static void write(Path folder, RunReport report) {
    try {
      Files.createDirectories(folder);
      Files.writeString(
          folder.resolve(JSON), MAPPER.writeValueAsString(report) + "\n", StandardCharsets.UTF_8);
      Files.writeString(
          folder.resolve(MARKDOWN), MarkdownReport.render(report), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the report to " + folder, e);
    }
  }

  public static RunReport read(Path folder) {
    try {
      return MAPPER.readValue(folder.resolve(JSON).toFile(), RunReport.class);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + folder.resolve(JSON), e);
    }
  }
}
