package dev.labkit.harness.selftest;

import dev.labkit.harness.lab.LabCatalog;
import dev.labkit.harness.run.KitRoot;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Per lab, how many of its selftest runs may go at once: its manifest's {@code selftest-parallel}
 * (absent: no limit of its own). Shared by every selftest class that runs a lab's checks, so one
 * beside {@code LabSelfTestIT} waits for a slot instead of adding to the lab's load.
 */
public final class SelfTestSlots {

  private static final Map<String, Semaphore> SLOTS = new ConcurrentHashMap<>();

  private SelfTestSlots() {}

  public static Semaphore of(String lab) {
    return SLOTS.computeIfAbsent(
        lab,
        id ->
            new Semaphore(
                new LabCatalog(KitRoot.locate())
                    .load(id)
                    .selftestParallelism()
                    .orElse(Integer.MAX_VALUE),
                true));
  }
}
