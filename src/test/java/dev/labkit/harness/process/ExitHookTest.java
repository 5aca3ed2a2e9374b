package dev.labkit.harness.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ExitHookTest {

  private final ExitHook.Actions actions = new ExitHook.Actions();
  private final List<String> ran = new CopyOnWriteArrayList<>();

  @Test
  void processesAreStoppedBeforeTheCleanUpWhateverOrderTheyWereAddedIn() {
    actions.add(ExitHook.Phase.CLEAN_UP, () -> ran.add("clean up"));
    actions.add(
        ExitHook.Phase.STOP_PROCESSES,
        () -> {
          throw new IllegalStateException("an action that fails");
        });
    actions.add(ExitHook.Phase.STOP_PROCESSES, () -> ran.add("stop"));

    actions.runAll();

    assertThat(ran).containsExactly("stop", "clean up");
  }

  @Test
  void aRemovedActionDoesNotRunAndAnActionMayRemoveItself() {
    Runnable removed = () -> ran.add("removed");
    actions.add(ExitHook.Phase.CLEAN_UP, removed);
    actions.remove(ExitHook.Phase.CLEAN_UP, removed);
    Runnable[] self = new Runnable[1];
    self[0] =
        () -> {
          actions.remove(ExitHook.Phase.CLEAN_UP, self[0]);
          ran.add("closed");
        };
    actions.add(ExitHook.Phase.CLEAN_UP, self[0]);

    actions.runAll();

    assertThat(ran).containsExactly("closed");
  }

  @Test
  void onlyTheHookThreadCountsAsExiting() {
    assertThat(ExitHook.isExiting()).isFalse();
  }
}
