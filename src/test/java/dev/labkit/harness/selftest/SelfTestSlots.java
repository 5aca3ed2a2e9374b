package dev.labkit.harness.selftest;

import dev.labkit.harness.lab.LabCatalog;
import dev.labkit.harness.run.KitRoot;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * How many whole runs of a lab the selftest JVM makes at once: at most the lab's {@code
 * selftest-parallel} (docker-basics: 3), whichever test starts them, so the ITs that grade a lab
 * beside the lab's own cases do not overload the machine between them.
 */
public final class SelfTestSlots {

  private static final Map<String, Semaphore> SLOTS = new ConcurrentHashMap<>();

  private SelfTestSlots() {}

  /** Runs {@code run} once a slot of {@code lab} is free. */
  public static <T> T inSlotOf(String lab, Callable<T> run) throws Exception {
    var slots =
        SLOTS.computeIfAbsent(
            lab,
            id ->
                new Semaphore(
                    new LabCatalog(KitRoot.locate())
                        .load(id)
                        .selftestParallelism()
                        .orElse(Integer.MAX_VALUE),
                    true));
    slots.acquire();
    try {
      return run.call();
    } finally {
      slots.release();
    }
  }
}
