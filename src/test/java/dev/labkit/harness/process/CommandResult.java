package dev.labkit.harness.process;

/**
 * How a {@link Command} ended: its exit code (-1 when it was stopped at its time limit), whether it
 * was, and what it printed. {@code captured} is its standard output (with standard error merged in,
 * unless the command kept them apart, or, for {@link Command#stream}, its standard error alone);
 * {@code errors} is its standard error when kept apart.
 */
public record CommandResult(
    int exitCode, boolean timedOut, CapturedOutput captured, CapturedOutput errors) {

  public boolean succeeded() {
    return exitCode == 0 && !timedOut;
  }

  /** The captured text. */
  public String output() {
    return captured.text();
  }

  /** The last lines of the captured text, for feedback. */
  public String tail(int lines) {
    return captured.tail(lines);
  }
}
