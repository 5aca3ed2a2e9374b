package dev.labkit.labs.nginxreverseproxy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Runs a request at a steady pace, on a scheduler of its own, within a bound. Two paces: one that
 * waits for each answer (a busy machine can only spread it out, never bunch it into a burst), and
 * one on the clock (it sends whether or not earlier requests were answered).
 */
final class Pacer {

  private Pacer() {}

  /** Runs {@code step} {@code gap} after its last run ended, while it returns true. */
  static void afterEachAnswer(
      String what, Duration startAfter, Duration gap, Duration bound, BooleanSupplier step) {
    run(
        what,
        bound,
        (scheduler, done) ->
            scheduler.scheduleWithFixedDelay(
                () -> stepOrEnd(step, done),
                startAfter.toMillis(),
                gap.toMillis(),
                TimeUnit.MILLISECONDS));
  }

  /** Runs {@code step} every {@code interval} on the clock, while it returns true. */
  static void onTheClock(String what, Duration interval, Duration bound, BooleanSupplier step) {
    run(
        what,
        bound,
        (scheduler, done) ->
            scheduler.scheduleAtFixedRate(
                () -> stepOrEnd(step, done), 0, interval.toMillis(), TimeUnit.MILLISECONDS));
  }

  private interface Schedule {
    void start(ScheduledExecutorService scheduler, CompletableFuture<Void> done);
  }

  private static void run(String what, Duration bound, Schedule schedule) {
    var scheduler =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              var thread = new Thread(task, "labkit-pacer");
              thread.setDaemon(true);
              return thread;
            });
    var done = new CompletableFuture<Void>();
    try {
      schedule.start(scheduler, done);
      done.get(bound.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException(what + " did not end within " + bound, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(what + " failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      scheduler.shutdownNow();
    }
  }

  private static void stepOrEnd(BooleanSupplier step, CompletableFuture<Void> done) {
    try {
      if (!step.getAsBoolean()) {
        done.complete(null);
      }
    } catch (RuntimeException | Error e) {
      done.completeExceptionally(e);
    }
    if (done.isDone()) {
      throw new StreamEnded(); // the only way to stop a periodic task from inside it
    }
  }

  private static final class StreamEnded extends RuntimeException {
    StreamEnded() {
      super(null, null, false, false);
    }
  }
}
