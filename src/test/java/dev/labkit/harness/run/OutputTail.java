package dev.labkit.harness.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a process's output to its end and keeps only the last {@code capacity} bytes: a submission
 * that prints megabytes (or forever) costs neither memory nor disk.
 */
public final class OutputTail {

  private final byte[] ring;
  private long written;

  public OutputTail(int capacity) {
    this.ring = new byte[capacity];
  }

  /** Drains {@code output} on a daemon thread of its own; returns that thread. */
  public static Thread drain(InputStream output, OutputTail tail, String name) {
    var thread =
        DaemonThreads.named(name)
            .newThread(
                () -> {
                  var buffer = new byte[8192];
                  try (output) {
                    for (int read; (read = output.read(buffer)) != -1; ) {
                      tail.append(buffer, read);
                    }
                  } catch (IOException ignored) {
                    // the process was killed; what was read so far is kept
                  }
                });
    thread.start();
    return thread;
  }

  synchronized void append(byte[] bytes, int length) {
    for (int i = 0; i < length; i++) {
      ring[(int) (written++ % ring.length)] = bytes[i];
    }
  }

  /** What was kept, with a first line saying how much was dropped before it. */
  public synchronized String text() {
    if (written <= ring.length) {
      return new String(ring, 0, (int) written, StandardCharsets.UTF_8);
    }
    int start = (int) (written % ring.length);
    var ordered = new byte[ring.length];
    System.arraycopy(ring, start, ordered, 0, ring.length - start);
    System.arraycopy(ring, 0, ordered, ring.length - start, start);
    var text = new String(ordered, StandardCharsets.UTF_8);
    return "["
        + (written - ring.length)
        + " earlier bytes dropped]\n"
        + text.substring(text.indexOf('\n') + 1);
  }

  /** The last line that is not blank, or "" when there is none. */
  public synchronized String lastLine() {
    var lines = text().strip().split("\n");
    return lines[lines.length - 1].strip();
  }
}
