package dev.labkit.harness.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class BatchGraderTest {

  @Test
  void theProgressLineKeepsItsShapeAndShowsControlCharacters() {
    var timedOut = new GradedSubmission("alice", Optional.empty(), 1, "not graded: too slow");
    assertThat(BatchGrader.progressLine("[3/20]", timedOut, "elapsed 1.0 s, about 2.0 s to go"))
        .isEqualTo(
            "[3/20] alice                          not graded: too slow   elapsed 1.0 s, about 2.0 s"
                + " to go");
    var forging =
        new GradedSubmission(
            "eve\r\u001b[2K[20/20] eve 100/100",
            Optional.empty(),
            1,
            "not graded: it printed \u001b[31mPASS\n");
    assertThat(BatchGrader.progressLine("[again]", forging, "graded alone"))
        .isEqualTo(
            "[again] eve\\r\\u001b[2K[20/20] eve 100/100 "
                + "not graded: it printed \\u001b[31mPASS\\n   graded alone");
  }

  @Test
  void defaultParallelismHonoursCoresMemoryAndTheLabsCap() {
    long gib = 1024L * 1024 * 1024;
    assertThat(BatchGrader.defaultParallelism(8, 16 * gib, Optional.empty())).isEqualTo(5);
    assertThat(BatchGrader.defaultParallelism(2, 64 * gib, Optional.of(3))).isEqualTo(2);
    assertThat(BatchGrader.defaultParallelism(8, 64 * gib, Optional.of(3))).isEqualTo(3);
    assertThat(BatchGrader.defaultParallelism(4, gib, Optional.empty())).isEqualTo(1);
  }
}
