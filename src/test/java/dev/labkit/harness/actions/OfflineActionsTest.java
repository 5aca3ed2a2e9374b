package dev.labkit.harness.actions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.labkit.harness.yaml.YamlNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class OfflineActionsTest {

  @Test
  void mapsEveryRefOfAStoodInActionAndNamesTheRest() throws Exception {
    var workflow =
        new Workflow(
            ".github/workflows/cicd.yml",
            YamlNode.parse(
                """
                jobs:
                  a:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683
                      - uses: actions/cache/restore@v4
                      - uses: ./.github/actions/local
                      - uses: aws-actions/configure-aws-credentials@v4
                """));

    assertThat(OfflineActions.mappings(List.of(workflow)))
        .containsEntry(
            "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683",
            "/opt/labkit/actions/actions/checkout")
        .containsEntry("actions/cache@v4", "/opt/labkit/actions/actions/cache")
        .hasSize(2);
    assertThat(OfflineActions.unavailable(List.of(workflow)))
        .containsExactly("aws-actions/configure-aws-credentials@v4");
  }
}
