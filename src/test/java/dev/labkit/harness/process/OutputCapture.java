package dev.labkit.harness.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads one of a process's streams to its end on a thread of its own and keeps its first {@code
 * headBytes} and last {@code tailBytes}: a child that prints megabytes (or forever) costs neither
 * memory nor a blocked pipe, and the one reading it never waits on it.
 */
final class OutputCapture {

  private final byte[] head;
  private final byte[] ring;
  private int headLength;
  private long tailWritten;
  private Thread reader;

  OutputCapture(int headBytes, int tailBytes) {
    this.head = new byte[headBytes];
    this.ring = new byte[tailBytes];
  }

  /** Starts draining {@code stream} on a daemon thread named {@code name}. */
  OutputCapture drain(InputStream stream, String name) {
    reader =
        new Thread(
            () -> {
              var buffer = new byte[8192];
              try (stream) {
                for (int read; (read = stream.read(buffer)) != -1; ) {
                  append(buffer, read);
                }
              } catch (IOException ignored) {
                // the process was killed; what was read so far is kept
              }
            },
            name);
    reader.setDaemon(true);
    reader.start();
    return this;
  }

  /**
   * Waits at most {@code millis} for the stream's end: a grandchild that escaped the tree kill may
   * hold it open, and must not hold the caller too.
   */
  void awaitEnd(long millis) throws InterruptedException {
    if (reader != null) {
      reader.join(millis);
    }
  }

  synchronized void append(byte[] bytes, int length) {
    int offset = Math.min(length, head.length - headLength);
    System.arraycopy(bytes, 0, head, headLength, offset);
    headLength += offset;
    if (ring.length == 0) {
      tailWritten += length - offset;
      return;
    }
    for (int i = offset; i < length; i++) {
      ring[(int) (tailWritten++ % ring.length)] = bytes[i];
    }
  }

  /**
   * What was kept. When the middle was dropped, the kept end starts at its first whole line, after
   * a line saying how many bytes were dropped.
   */
  synchronized CapturedOutput captured() {
    var start = new String(head, 0, headLength, StandardCharsets.UTF_8);
    if (tailWritten <= ring.length) {
      return new CapturedOutput(
          start + new String(ring, 0, (int) tailWritten, StandardCharsets.UTF_8), 0);
    }
    var ordered = new byte[ring.length];
    if (ring.length > 0) {
      int oldest = (int) (tailWritten % ring.length);
      System.arraycopy(ring, oldest, ordered, 0, ring.length - oldest);
      System.arraycopy(ring, 0, ordered, ring.length - oldest, oldest);
    }
    var end = new String(ordered, StandardCharsets.UTF_8);
    long dropped = tailWritten - ring.length;
    var marker =
        headLength == 0
            ? "[" + dropped + " earlier bytes dropped]\n"
            : (start.endsWith("\n") ? "" : "\n") + "[" + dropped + " bytes dropped]\n";
    return new CapturedOutput(start + marker + end.substring(end.indexOf('\n') + 1), dropped);
  }
}
