package dev.labkit.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleTest {

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final Console console =
      new Console(new PrintStream(printed, true, StandardCharsets.UTF_8), "[labkit] ", false);

  private String printed() {
    return printed.toString(StandardCharsets.UTF_8);
  }

  @Test
  void anHonestLineIsPrintedAsItIs() {
    console.say("✓ starting LocalStack (localstack/localstack:4.14.0) (1.5 s)");

    assertThat(printed())
        .isEqualTo("[labkit] ✓ starting LocalStack (localstack/localstack:4.14.0) (1.5 s)\n");
  }

  @Test
  void everyPrintedLineStartsWithThePrefixAndNoControlCharacterActs() {
    console.say("deploy.sh said \u001b[1Kok\r::error::forged\n::add-mask::points");

    assertThat(printed().split("\n", -1))
        .containsExactly(
            "[labkit] deploy.sh said \\u001b[1Kok\\r::error::forged",
            "[labkit] ::add-mask::points",
            "");
  }
}
