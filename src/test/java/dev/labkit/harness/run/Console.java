package dev.labkit.harness.run;

import dev.labkit.harness.report.PrintableText;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * What the learner watches while a run goes on: one line per step with its duration ("starting
 * LocalStack ... ready in 4.2 s"). Testcontainers' and Docker's own logging stays below WARN. Every
 * printed line starts with the prefix and is {@link PrintableText}: a learner's text in a step's
 * name or a message never starts a line of its own or drives the terminal.
 */
public final class Console {

  private final PrintStream out;
  private final String prefix;
  private final boolean quiet;

  public Console(PrintStream out, String prefix, boolean quiet) {
    this.out = out;
    this.prefix = prefix;
    this.quiet = quiet;
  }

  public void say(String line) {
    if (!quiet) {
      synchronized (out) {
        for (var part : PrintableText.of(String.valueOf(line)).split("\n", -1)) {
          out.println(prefix + part);
        }
        out.flush();
      }
    }
  }

  /** Runs a step, telling when it starts and how long it took, also when it fails. */
  public <T> T step(String what, Supplier<T> action) {
    say("… " + what);
    long start = System.nanoTime();
    try {
      T result = action.get();
      say("✓ " + what + " (" + seconds(System.nanoTime() - start) + ")");
      return result;
    } catch (RuntimeException | Error e) {
      say("✗ " + what + " failed after " + seconds(System.nanoTime() - start));
      throw e;
    }
  }

  public void step(String what, Runnable action) {
    step(
        what,
        () -> {
          action.run();
          return null;
        });
  }

  public static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.1f s", Duration.ofNanos(nanos).toMillis() / 1000.0);
  }
}
