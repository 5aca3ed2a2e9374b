package dev.labkit.harness.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OutputCaptureTest {

  @Test
  void keepsEverythingWithinTheBound() {
    var capture = new OutputCapture(4, 8);
    append(capture, "ab\ncd\n");

    assertThat(capture.captured()).isEqualTo(new CapturedOutput("ab\ncd\n", 0));
  }

  @Test
  void keepsHeadAndWholeLinesOfTheTail() {
    var capture = new OutputCapture(3, 6);
    append(capture, "ab\n");
    append(capture, "0123456789\nxy\nz\n");

    assertThat(capture.captured().text()).isEqualTo("ab\n[10 bytes dropped]\nxy\nz\n");
    assertThat(capture.captured().droppedBytes()).isEqualTo(10);
  }

  @Test
  void withNothingKeptItStillCounts() {
    var capture = new OutputCapture(0, 0);
    append(capture, "hello\n");

    assertThat(capture.captured().droppedBytes()).isEqualTo(6);
  }

  private static void append(OutputCapture capture, String text) {
    var bytes = text.getBytes(StandardCharsets.UTF_8);
    capture.append(bytes, bytes.length);
  }
}
