package dev.labkit.harness.process;

import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The kit's one JVM shutdown hook, for a JVM that ends early (Ctrl-C, a stopped grading batch, a
 * killed Failsafe JVM). It runs its actions in phases, in order: first the kit's running processes
 * are stopped, then what is left in Docker is cleaned up. With one hook the order is certain; JVM
 * shutdown hooks of their own would run side by side, and a clean-up's {@code docker rm} could be
 * stopped by the process stopper.
 */
public final class ExitHook {

  /** The hook thread's name: what it starts runs to its end. */
  private static final String THREAD = "labkit-exit";

  /** What runs at exit, in this order. */
  public enum Phase {
    STOP_PROCESSES,
    CLEAN_UP
  }

  private static final Actions AT_EXIT = new Actions();

  private static final boolean REGISTERED = register();

  private ExitHook() {}

  /** Runs {@code action} in {@code phase} if the JVM exits before it is {@link #remove removed}. */
  public static void add(Phase phase, Runnable action) {
    if (REGISTERED) {
      AT_EXIT.add(phase, action);
    }
  }

  public static void remove(Phase phase, Runnable action) {
    AT_EXIT.remove(phase, action);
  }

  /** Whether the caller is the exit hook, whose own commands must not be stopped. */
  public static boolean isExiting() {
    return THREAD.equals(Thread.currentThread().getName());
  }

  private static boolean register() {
    try {
      Runtime.getRuntime().addShutdownHook(new Thread(AT_EXIT::runAll, THREAD));
      return true;
    } catch (IllegalStateException exiting) {
      return false; // first used while the JVM exits: nothing was registered before
    }
  }

  /**
   * Actions by phase; run phase after phase, each action once, a failing one not stopping the rest.
   */
  static final class Actions {

    /** Guarded by {@code this}. */
    private final Map<Phase, Set<Runnable>> byPhase = new EnumMap<>(Phase.class);

    synchronized void add(Phase phase, Runnable action) {
      byPhase.computeIfAbsent(phase, ignored -> new LinkedHashSet<>()).add(action);
    }

    synchronized void remove(Phase phase, Runnable action) {
      var actions = byPhase.get(phase);
      if (actions != null) {
        actions.remove(action);
      }
    }

    void runAll() {
      for (var phase : Phase.values()) {
        for (var action : snapshot(phase)) {
          try {
            action.run();
          } catch (RuntimeException e) {
            // best effort: the next action still runs
          }
        }
      }
    }

    /** A copy: an action may remove itself (a session closing) while the phase runs. */
    private synchronized List<Runnable> snapshot(Phase phase) {
      return List.copyOf(byPhase.getOrDefault(phase, Set.of()));
    }
  }
}
