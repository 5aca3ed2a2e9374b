package dev.labkit.harness.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LogTailTest {

  @Test
  void keepsTheLastLinesOfATextWithoutTheBlankSpaceAroundIt() {
    var log = "\n  starting\nlistening on 8080\nready\n\n";

    assertThat(LogTail.of(log, 2)).isEqualTo("listening on 8080\nready");
    assertThat(LogTail.of(log, 10)).isEqualTo("starting\nlistening on 8080\nready");
  }

  @Test
  void anEmptyLogHasAnEmptyTail() {
    assertThat(LogTail.of("", 5)).isEmpty();
    assertThat(LogTail.of(List.of(), 5)).isEmpty();
  }

  @Test
  void linesAlreadySplitKeepTheirBlankLines() {
    var step = List.of("mvn test", "", "BUILD FAILURE", "");

    assertThat(LogTail.of(step, 3)).isEqualTo("\nBUILD FAILURE\n");
    assertThat(LogTail.last(step, 1)).containsExactly("");
    assertThat(LogTail.last(step, 9)).isEqualTo(step);
  }
}
