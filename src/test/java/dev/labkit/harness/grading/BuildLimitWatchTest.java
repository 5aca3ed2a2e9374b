package dev.labkit.harness.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BuildLimitWatchTest {

  @Test
  void remembersOnlyTheMomentsBuildsWereAtTheLimit() {
    try (var watch = BuildLimitWatch.start(Optional::empty, Optional::empty)) {
      var before = Instant.now();
      watch.sample(() -> Optional.of(4096L), () -> Optional.of(120L));
      assertThat(watch.reachedBetween(before, Instant.now())).isFalse();

      watch.sample(() -> Optional.of(4096L), () -> Optional.of(4096L));
      var after = Instant.now();
      assertThat(watch.reachedBetween(before, after)).isTrue();
      assertThat(watch.reachedBetween(after.plus(Duration.ofSeconds(1)), after.plusSeconds(60)))
          .isFalse();
    }
  }

  @Test
  void anUnlimitedMachineIsNeverAtTheLimit() {
    try (var watch = BuildLimitWatch.start(Optional::empty, Optional::empty)) {
      var before = Instant.now();
      watch.sample(Optional::empty, () -> Optional.of(100_000L));
      assertThat(watch.reachedBetween(before, Instant.now())).isFalse();
    }
  }
}
