package dev.labkit.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrintableTextTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "bucket/cors.json:4:7: unexpected ',' — expected a value",
        "expected: 403 SignatureDoesNotMatch\n    actual:   HTTP/1.1 200 OK",
        "C:\\Users\\ana\\lab\\nginx.conf and ^/api/(.*)\\.json$ stay as typed",
        "Umlaute, 日本語, emoji 🚀 and\ttabs are text",
        ""
      })
  void honestTextComesBackIdentical(String honest) {
    assertThat(PrintableText.of(honest)).isSameAs(honest);
  }

  @Test
  void aCarriageReturnCannotStartAWorkflowCommand() {
    var hostile = "bad upload\r::error file=README.md::forged\r::add-mask::points";

    assertThat(PrintableText.of(hostile))
        .isEqualTo("bad upload\\r::error file=README.md::forged\\r::add-mask::points")
        .doesNotContain("\r");
  }

  @Test
  void terminalEscapeSequencesShowInsteadOfActing() {
    assertThat(PrintableText.of("\u001b[2J\u001b[1;31mPASS\u001b]0;title\u0007"))
        .isEqualTo("\\u001b[2J\\u001b[1;31mPASS\\u001b]0;title\\u0007");
    assertThat(PrintableText.of("a\u0000b\u0008c\u007fd\u009be\u0085f"))
        .isEqualTo("a\\u0000b\\u0008c\\u007fd\\u009be\\u0085f");
  }

  @Test
  void bidiAndLineSeparatorControlsShow() {
    var trojan = "admin\u202e\u2066// not a comment\u2069\u2067\u200e\u200f\u061c\u2028\u2029";

    assertThat(PrintableText.of(trojan))
        .isEqualTo(
            "admin\\u202e\\u2066// not a comment\\u2069\\u2067\\u200e\\u200f\\u061c\\u2028\\u2029");
  }

  @Test
  void anUnpairedSurrogateShowsWhileAPairStays() {
    assertThat(PrintableText.of("x\ud83dy🚀")).isEqualTo("x\\ud83dy🚀");
  }

  @Test
  void multiLineTextKeepsItsLinesAndOneLineTextShowsThem() {
    var text = "first\n\tsecond\r\n";

    assertThat(PrintableText.of(text)).isEqualTo("first\n\tsecond\\r\n");
    assertThat(PrintableText.oneLine(text)).isEqualTo("first\\n\tsecond\\r\\n");
  }

  @Test
  void escapingTwiceChangesNothingAndNullStaysNull() {
    var once = PrintableText.oneLine("\u001b[31m\r\n\u202e");

    assertThat(PrintableText.oneLine(once)).isEqualTo(once);
    assertThat(PrintableText.of(null)).isNull();
  }
}
