package dev.labkit.harness.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.labkit.harness.process.LogTail;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What act printed with {@code --json}: one JSON object per line. Read back into which jobs ran,
 * how each ended ({@code success}, {@code failure}, {@code skipped}) and what each step printed.
 */
public final class ActLog {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<JsonNode> entries;
  private final List<String> otherLines;

  private ActLog(List<JsonNode> entries, List<String> otherLines) {
    this.entries = entries;
    this.otherLines = otherLines;
  }

  public static ActLog parse(String output) {
    var entries = new ArrayList<JsonNode>();
    var other = new ArrayList<String>();
    for (var line : output.split("\n")) {
      if (line.startsWith("{")) {
        try {
          entries.add(JSON.readTree(line));
          continue;
        } catch (IOException notJson) {
          // a line of a step's output that happens to start with {
        }
      }
      if (!line.isBlank()) {
        other.add(line);
      }
    }
    return new ActLog(entries, other);
  }

  /**
   * The result of each job that act planned, by job id, in the order they ended: {@code success},
   * {@code failure}, or {@code skipped} (its {@code if:} was false, or a job it needs did not
   * succeed). Jobs of a called workflow appear under their own ids.
   */
  public Map<String, String> jobResults() {
    var results = new LinkedHashMap<String, String>();
    for (var entry : entries) {
      var result = entry.path("jobResult").asText("");
      if (!result.isEmpty()) {
        results.put(entry.path("jobID").asText(), result);
      }
    }
    return results;
  }

  /**
   * Whether the job ran to success: by its id, or, for a job that calls a reusable workflow, by the
   * called workflow's jobs (act logs them as "caller/workflow name/job").
   */
  public boolean succeeded(String jobId) {
    return entries.stream()
        .filter(entry -> "success".equals(entry.path("jobResult").asText()))
        .anyMatch(
            entry ->
                jobId.equals(entry.path("jobID").asText())
                    || entry.path("job").asText().startsWith(jobId + "/"));
  }

  /**
   * Steps that failed, once each: a failed step of a composite action fails the action's step too,
   * and act logs both under the same name; the one with output is kept.
   */
  public List<FailedStep> failedSteps() {
    var failed = new LinkedHashMap<String, FailedStep>();
    for (var entry : entries) {
      if ("failure".equals(entry.path("stepResult").asText())) {
        var step =
            new FailedStep(
                entry.path("jobID").asText(),
                entry.path("job").asText(),
                entry.path("step").asText(),
                stepOutput(entry.path("jobID").asText(), entry.path("stepID")),
                entry.path("stage").asText());
        failed.merge(
            step.jobId() + "\u0000" + step.step(),
            step,
            (first, second) -> second.output().size() > first.output().size() ? second : first);
      }
    }
    return List.copyOf(failed.values());
  }

  /** Whether a line some step printed contains {@code text}. */
  public boolean anyStepPrinted(String text) {
    return entries.stream()
        .filter(entry -> entry.path("raw_output").asBoolean(false))
        .anyMatch(entry -> entry.path("msg").asText().contains(text));
  }

  /** What a step printed (its raw output lines), last lines last. */
  private List<String> stepOutput(String jobId, JsonNode stepId) {
    var lines = new ArrayList<String>();
    for (var entry : entries) {
      if (entry.path("raw_output").asBoolean(false)
          && jobId.equals(entry.path("jobID").asText())
          && stepId.equals(entry.path("stepID"))) {
        lines.add(entry.path("msg").asText().stripTrailing());
      }
    }
    return lines;
  }

  /** Messages act logged at error level, and lines that were not JSON (act's own failures). */
  public List<String> errors() {
    var errors = new ArrayList<String>(otherLines);
    for (var entry : entries) {
      if ("error".equals(entry.path("level").asText())
          || "fatal".equals(entry.path("level").asText())) {
        errors.add(entry.path("msg").asText().strip());
      }
    }
    return errors;
  }

  /** The last {@code count} of {@link #errors()}. */
  public List<String> lastErrors(int count) {
    return LogTail.last(errors(), count);
  }

  /** A step that failed, with the last lines it printed. */
  public record FailedStep(
      String jobId, String job, String step, List<String> output, String stage) {
    public String tail(int lines) {
      return LogTail.of(output, lines);
    }
  }
}
