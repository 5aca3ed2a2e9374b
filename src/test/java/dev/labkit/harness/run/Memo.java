package dev.labkit.harness.run;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Computes a value once; a failure is remembered too, so twenty checks do not start twenty
 * LocalStacks.
 */
public final class Memo<T> {

  private final Supplier<T> compute;
  private T value;
  private Throwable failure;
  private boolean done;

  public Memo(Supplier<T> compute) {
    this.compute = compute;
  }

  public synchronized T get() {
    if (!done) {
      try {
        value = compute.get();
      } catch (RuntimeException | Error e) {
        failure = e;
      }
      done = true;
    }
    if (failure instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (failure instanceof Error error) {
      throw error;
    }
    return value;
  }

  public synchronized Optional<T> peek() {
    return Optional.ofNullable(value);
  }
}
