package dev.labkit.harness.process;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kit's processes running now, stopped in the {@link ExitHook}'s first phase when the JVM ends
 * early (Ctrl-C, a grading batch stopped) instead of left to run on without it: a build is
 * cancelled, a grading JVM asked to clean up. A command the exit clean-up itself starts ({@link
 * Command#sparedAtExit}, e.g. {@code docker compose down}) is never listed here, so it runs to its
 * end.
 */
final class LiveProcesses {

  private static final Set<RunningCommand> LIVE = ConcurrentHashMap.newKeySet();

  static {
    ExitHook.add(ExitHook.Phase.STOP_PROCESSES, LiveProcesses::stopAll);
  }

  private LiveProcesses() {}

  static void add(RunningCommand command) {
    LIVE.add(command);
    command.onExit(() -> LIVE.remove(command));
  }

  static boolean isListed(RunningCommand command) {
    return LIVE.contains(command);
  }

  /** Stops every live process side by side, each as its command says, waiting a bounded time. */
  private static void stopAll() {
    var stopping =
        LIVE.stream()
            .map(
                command -> {
                  var thread = new Thread(command::stop, "labkit-process-stop-one");
                  thread.start();
                  return Map.entry(thread, command.stopBound());
                })
            .toList();
    for (var entry : stopping) {
      try {
        entry.getKey().join(entry.getValue().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
