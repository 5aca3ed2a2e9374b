package dev.labkit.harness.process;

import java.util.List;

/** The thread waiting for a {@link Command} was interrupted; the command was killed. */
public final class CommandInterrupted extends RuntimeException {
  CommandInterrupted(List<String> argv) {
    super("interrupted while running " + String.join(" ", argv));
  }
}
