package dev.labkit.harness.report;

import java.util.Locale;

/**
 * report.md: a table a CI job can append to its summary, then the feedback of each check not
 * passed. Text that may come from a learner (the workspace's name, the messages) is {@link
 * PrintableText}, and cannot close the code span or block it sits in.
 */
final class MarkdownReport {

  private MarkdownReport() {}

  static String render(RunReport report) {
    var md = new StringBuilder();
    md.append("## labkit: ")
        .append(report.lab())
        .append(" — ")
        .append(report.score())
        .append('/')
        .append(report.maxScore())
        .append(" points\n\n");
    md.append("Workspace `").append(codeSpan(report.workspace())).append('`');
    report
        .backends()
        .forEach(
            (role, backend) ->
                md.append(", ")
                    .append(PrintableText.oneLine(role))
                    .append(": ")
                    .append(PrintableText.oneLine(backend)));
    var provenance = report.provenance();
    if (provenance != null) {
      md.append("\n\nKit `")
          .append(provenance.kitVersion())
          .append("`, hints ")
          .append(provenance.hintsShown() ? "shown" : "hidden")
          .append(", graded files `")
          .append(provenance.filesHash())
          .append('`');
    }
    md.append("\n\n| Check | Status | Points | Time |\n|---|---|---|---|\n");
    for (var check : report.checks()) {
      md.append("| ")
          .append(cell(check.title()))
          .append(" (`")
          .append(check.id())
          .append("`) | ")
          .append(icon(check.status()))
          .append(' ')
          .append(check.status().label())
          .append(" | ")
          .append(check.points())
          .append('/')
          .append(check.maxPoints())
          .append(" | ")
          .append(String.format(Locale.ROOT, "%.1f s", check.durationMs() / 1000.0))
          .append(" |\n");
    }
    for (var check : report.checks()) {
      if (check.status() != CheckStatus.PASSED && check.message() != null) {
        md.append("\n### ")
            .append(check.id())
            .append(": ")
            .append(check.status().label())
            .append("\n\n```\n")
            .append(PrintableText.of(check.message()).replace("```", "'''"))
            .append("\n```\n");
      }
    }
    return md.toString();
  }

  private static String icon(CheckStatus status) {
    return switch (status) {
      case PASSED -> "✅";
      case FAILED -> "❌";
      case SKIPPED -> "⏭️";
      case ERROR -> "⚠️";
    };
  }

  /** Inside `…`: one printable line, and a backtick would end the span early. */
  private static String codeSpan(String text) {
    return PrintableText.oneLine(String.valueOf(text)).replace('`', '\'');
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
