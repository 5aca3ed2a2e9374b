package dev.labkit.harness.process;

import java.util.List;

/**
 * The last lines of what a program, a container or a workflow step printed: how feedback quotes a
 * log (a failed build's end, a container that exited, a failed step). One place, so every message
 * counts and trims lines the same way.
 */
public final class LogTail {

  private LogTail() {}

  /** The last {@code count} lines of {@code text}, blank space around the whole text removed. */
  public static String of(String text, int count) {
    return of(List.of(text.strip().split("\n")), count);
  }

  /** The last {@code count} of {@code lines}, one per line. */
  public static String of(List<String> lines, int count) {
    return String.join("\n", last(lines, count));
  }

  /** The last {@code count} of {@code lines} (all of them when there are fewer). */
  public static List<String> last(List<String> lines, int count) {
    return lines.subList(Math.max(0, lines.size() - count), lines.size());
  }
}
