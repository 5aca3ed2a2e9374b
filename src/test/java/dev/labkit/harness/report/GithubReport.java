package dev.labkit.harness.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's report as a GitHub Actions job shows it: one {@code ::error} annotation per failed check
 * (on the file and line of its first problem, when it names one), the step outputs {@code score}
 * and {@code max-score}, and report.md for the job summary. {@code pathPrefix} is where the graded
 * folder sits in the repository, so annotations land on the learner's files. The report's text is
 * made {@link PrintableText} first (it already is, when the kit wrote the report), then escaped as
 * GitHub's workflow commands require.
 */
public final class GithubReport {

  private GithubReport() {}

  public static List<String> annotations(RunReport report, String pathPrefix) {
    var lines = new ArrayList<String>();
    for (var check : report.checks()) {
      if (check.status() != CheckStatus.FAILED && check.status() != CheckStatus.ERROR) {
        continue;
      }
      var properties = new LinkedHashMap<String, String>();
      if (check.file() != null) {
        properties.put("file", join(pathPrefix, PrintableText.oneLine(check.file())));
        if (check.line() != null) {
          properties.put("line", check.line().toString());
        }
      }
      properties.put("title", check.id() + ": " + check.title());
      var text = new StringBuilder("::error ");
      properties.forEach(
          (key, value) -> text.append(key).append('=').append(escapeProperty(value)).append(','));
      text.setLength(text.length() - 1);
      text.append("::").append(escapeData(PrintableText.of(String.valueOf(check.message()))));
      lines.add(text.toString());
    }
    return lines;
  }

  public static Map<String, String> outputs(RunReport report) {
    var outputs = new LinkedHashMap<String, String>();
    outputs.put("score", Integer.toString(report.score()));
    outputs.put("max-score", Integer.toString(report.maxScore()));
    outputs.put("passed", Boolean.toString(report.allPassed()));
    return outputs;
  }

  /**
   * The one annotation for a run whose report cannot be used (none was written, or it does not
   * match what the checks recorded): no score is given.
   */
  public static String notGraded(String why) {
    return "::error title=labkit%3A not graded::" + escapeData(PrintableText.of(why));
  }

  /** The outputs of a run that is not graded: no points of {@code maxScore}, not passed. */
  public static Map<String, String> notGradedOutputs(int maxScore) {
    var outputs = new LinkedHashMap<String, String>();
    outputs.put("score", "0");
    outputs.put("max-score", Integer.toString(maxScore));
    outputs.put("passed", "false");
    return outputs;
  }

  private static String join(String prefix, String file) {
    var clean = prefix == null ? "" : prefix.replaceAll("^\\./", "").replaceAll("/+$", "");
    return clean.isEmpty() || clean.equals(".") ? file : clean + "/" + file;
  }

  /** GitHub's workflow-command escaping of a message. */
  static String escapeData(String value) {
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  /** ... and of a property value, which also may not hold ':' or ','. */
  static String escapeProperty(String value) {
    return escapeData(value).replace(":", "%3A").replace(",", "%2C");
  }
}
