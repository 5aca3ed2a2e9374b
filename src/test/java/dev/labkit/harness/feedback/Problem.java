package dev.labkit.harness.feedback;

import java.util.ArrayList;
import java.util.List;

/**
 * One thing the learner has to fix, in the learner's words: where (file and line when known), what
 * was expected, what was seen, a hint that names the concept and the directive or key to look up,
 * and, where one helps, a complete example. The example is shown only with {@code
 * -Dlabkit.hints=full}: a learner first gets the idea, then, if they ask, the snippet. Immutable;
 * the builder methods return copies.
 */
public record Problem(
    String file,
    Integer line,
    Integer column,
    String message,
    String expected,
    String actual,
    String hint,
    String example) {

  public static Problem of(String message) {
    return new Problem(null, null, null, message, null, null, null, null);
  }

  public static Problem in(String file, String message) {
    return new Problem(file, null, null, message, null, null, null, null);
  }

  public Problem at(Integer line, Integer column) {
    return new Problem(file, line, column, message, expected, actual, hint, example);
  }

  public Problem expected(String expected) {
    return new Problem(file, line, column, message, expected, actual, hint, example);
  }

  public Problem actual(String actual) {
    return new Problem(file, line, column, message, expected, actual, hint, example);
  }

  public Problem hint(String hint) {
    return new Problem(file, line, column, message, expected, actual, hint, example);
  }

  /** A complete snippet that fixes it, shown only when the learner asks ({@code hints=full}). */
  public Problem example(String example) {
    return new Problem(file, line, column, message, expected, actual, hint, example);
  }

  /** {@code bucket/cors.json:4:7}, {@code bucket/cors.json}, or empty when no file is known. */
  public String location() {
    if (file == null) {
      return "";
    }
    var where = new StringBuilder(file);
    if (line != null) {
      where.append(':').append(line);
      if (column != null) {
        where.append(':').append(column);
      }
    }
    return where.toString();
  }

  /** Multi-line text as the learner reads it in the console and in report.md. */
  public String describe() {
    var lines = new ArrayList<String>();
    lines.add(location().isEmpty() ? message : location() + ": " + message);
    addLabelled(lines, "expected", expected);
    addLabelled(lines, "actual", actual);
    addLabelled(lines, "hint", hint);
    addLabelled(lines, "example", example);
    return String.join("\n", lines);
  }

  private static void addLabelled(List<String> lines, String label, String value) {
    if (value != null && !value.isBlank()) {
      lines.add("    " + label + ": " + " ".repeat(8 - label.length()) + value);
    }
  }
}
