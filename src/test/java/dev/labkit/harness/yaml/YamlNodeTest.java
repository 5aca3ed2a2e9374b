package dev.labkit.harness.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class YamlNodeTest {

  @Test
  void keepsTheKeyOnAndKnowsEveryLine() throws Exception {
    var root =
        YamlNode.parse(
            """
            name: ci
            on:
              push:
                branches: [main]
              workflow_dispatch:
            """);

    assertThat(root.has("on")).isTrue();
    assertThat(root.keyLine("on")).isEqualTo(2);
    assertThat(root.get("on").get("push").get("branches").texts()).containsExactly("main");
    assertThat(root.get("on").get("push").line()).isEqualTo(4);
    assertThat(root.get("on").has("workflow_dispatch")).isTrue();
  }

  @Test
  void aMissingPathAnswersNothing() throws Exception {
    var root = YamlNode.parse("jobs: {}\n");

    var missing = root.get("jobs").get("test").get("steps");
    assertThat(missing.isMissing()).isTrue();
    assertThat(missing.items()).isEmpty();
    assertThat(missing.text()).isEmpty();
    assertThat(missing.line()).isNull();
  }

  @Test
  void aSyntaxErrorSaysWhere() {
    assertThatThrownBy(() -> YamlNode.parse("jobs:\n  test:\n    steps: [a\n"))
        .isInstanceOf(YamlNode.YamlSyntaxError.class)
        .satisfies(e -> assertThat(((YamlNode.YamlSyntaxError) e).line()).isNotNull());
  }
}
