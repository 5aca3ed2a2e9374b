package dev.labkit.harness.grading;

import dev.labkit.harness.run.DaemonThreads;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Samples the process limit all builds share (scripts/limit-builds.sh) once a second and remembers
 * when builds were at it. A submission graded then may have failed its build because a neighbour's
 * fork bomb held every process, not through its own fault; the batch grader grades it again alone.
 */
final class BuildLimitWatch implements AutoCloseable {

  /** Near enough to the limit to starve a build: no honest build uses a tenth of it. */
  static final double AT_LIMIT = 0.9;

  private final List<Instant> atLimit = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService sampler;

  private BuildLimitWatch(ScheduledExecutorService sampler) {
    this.sampler = sampler;
  }

  static BuildLimitWatch start(Supplier<Optional<Long>> limit, Supplier<Optional<Long>> current) {
    var sampler =
        Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("labkit-build-limit-watch"));
    var watch = new BuildLimitWatch(sampler);
    sampler.scheduleAtFixedRate(() -> watch.sample(limit, current), 0, 1, TimeUnit.SECONDS);
    return watch;
  }

  void sample(Supplier<Optional<Long>> limit, Supplier<Optional<Long>> current) {
    var max = limit.get();
    var now = current.get();
    if (max.isPresent() && now.isPresent() && now.get() >= max.get() * AT_LIMIT) {
      atLimit.add(Instant.now());
    }
  }

  /** Whether builds were at the limit at some moment from {@code from} to {@code to}. */
  boolean reachedBetween(Instant from, Instant to) {
    return atLimit.stream().anyMatch(moment -> !moment.isBefore(from) && !moment.isAfter(to));
  }

  @Override
  public void close() {
    sampler.shutdownNow();
  }
}
