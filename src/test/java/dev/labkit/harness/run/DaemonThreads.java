package dev.labkit.harness.run;

import java.util.concurrent.ThreadFactory;

/**
 * Threads that never keep the JVM alive: a learner's call that never returns, a sampler, an output
 * drain. Named, so a thread dump says whose they are.
 */
public final class DaemonThreads {

  private DaemonThreads() {}

  public static ThreadFactory named(String name) {
    return runnable -> {
      var thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
