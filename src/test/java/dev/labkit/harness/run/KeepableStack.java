package dev.labkit.harness.run;

import java.util.List;

/**
 * A lab's running system that a learner may keep after the checks ({@code -Dlabkit.keep=true}) to
 * look at and poke: the same containers on the same network, left running with the run's labels, so
 * the next run's sweep (or {@code -Dlabkit.down}) removes them once this JVM is gone.
 */
public interface KeepableStack extends AutoCloseable {

  /** The containers to leave running. */
  List<String> containerIds();

  /**
   * What a learner can do with the running stack, one line each, ready to paste: addresses with
   * their published ports, {@code docker exec}/{@code docker logs} commands. Lines starting with
   * {@code #} say what the next one is for.
   */
  List<String> howToTouch();

  /** Called instead of {@link #close} when the learner keeps the stack. */
  default void keepRunning() {}
}
