package dev.labkit.harness.docker;

import com.github.dockerjava.api.command.CreateContainerCmd;

/**
 * What one container the kit starts may use: memory, CPU and processes. Learner code runs in these
 * containers, so a memory hog, a busy loop or a fork bomb stops at the limit instead of taking the
 * machine (or the other submissions of a batch) with it. The figures fit every lab's needs with
 * room to spare on a 2-core machine.
 */
public record ResourceLimits(long memoryBytes, double cpus, long processes) {

  private static final long GIB = 1024L * 1024 * 1024;

  /** Any container of the kit: servers, tools, the learner's app and database. */
  public static final ResourceLimits CONTAINER = new ResourceLimits(2 * GIB, 1.5, 1024);

  /**
   * A container with its own Docker engine, where a whole pipeline runs (Maven, a BuildKit build,
   * the app): more of everything, still bounded.
   */
  public static final ResourceLimits ENGINE = new ResourceLimits(6 * GIB, 2.0, 8192);

  /** Applies the limits to a container about to be created; no swap beyond the memory limit. */
  public void applyTo(CreateContainerCmd create) {
    create
        .getHostConfig()
        .withMemory(memoryBytes)
        .withMemorySwap(memoryBytes)
        .withNanoCPUs((long) (cpus * 1_000_000_000L))
        .withPidsLimit(processes);
  }

  /** The same limits as Compose service keys, indented for a service of an override file. */
  public String composeKeys(String indent) {
    return indent
        + "mem_limit: "
        + memoryBytes
        + "\n"
        + indent
        + "memswap_limit: "
        + memoryBytes
        + "\n"
        + indent
        + "cpus: "
        + cpus
        + "\n"
        + indent
        + "pids_limit: "
        + processes
        + "\n";
  }
}
