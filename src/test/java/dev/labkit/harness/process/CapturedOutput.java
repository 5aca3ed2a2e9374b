package dev.labkit.harness.process;

/**
 * What a process printed, as kept: its beginning and end, with a line in between saying how many
 * bytes were dropped ({@code droppedBytes}, 0 when everything was kept).
 */
public record CapturedOutput(String text, long droppedBytes) {

  public static final CapturedOutput NONE = new CapturedOutput("", 0);

  /** The last line that is not blank, or "" when there is none. */
  public String lastLine() {
    var lines = text.strip().split("\n");
    return lines[lines.length - 1].strip();
  }

  /** The last {@code lines} lines, for feedback. */
  public String tail(int lines) {
    return LogTail.of(text, lines);
  }
}
