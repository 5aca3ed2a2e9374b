package dev.labkit.harness.run;

import java.util.Optional;

/** Finds what really went wrong under the wrappers Testcontainers and Awaitility add. */
public final class Causes {

  private Causes() {}

  /** The first throwable of {@code type} in the cause chain, the error itself included. */
  public static <T extends Throwable> Optional<T> find(Throwable error, Class<T> type) {
    for (var cause = error; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return Optional.of(type.cast(cause));
      }
    }
    return Optional.empty();
  }
}
