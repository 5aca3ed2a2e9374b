package dev.labkit.harness.run;

/**
 * Ends a process the kit started together with what it started in turn (the docker CLI's buildx
 * plugin, a grading JVM's docker commands): killing only the parent would leave those running.
 */
public final class ProcessTrees {

  private ProcessTrees() {}

  /** Kills everything {@code process} started, leaving the process itself. */
  public static void killDescendants(ProcessHandle process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
  }

  /** Kills {@code process} and everything it started; returns it, to wait for its end. */
  public static Process kill(Process process) {
    killDescendants(process.toHandle());
    return process.destroyForcibly();
  }
}
