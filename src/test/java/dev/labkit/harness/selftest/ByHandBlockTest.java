package dev.labkit.harness.selftest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.labkit.harness.lab.LabCatalog;
import dev.labkit.harness.run.KitRoot;
import dev.labkit.harness.selftest.ByHandBlock.ByHandCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ByHandBlockTest {

  @Test
  void readsTheMarkedBlocksOnlyWithTheirFolderCommandsAndPromises() {
    var readme =
        """
        # Lab
        ```
        mvn verify -Dlab=x
        ```
        <!-- by hand in labs/x: run by ReadmeCommandsIT -->
        ```
        # a comment for the learner

        docker compose up -d --wait      # start it
        curl -i localhost:8080/   # → HTTP/1.1 200
        ```
        text
        """;

    var blocks = ByHandBlock.parse("labs/x/README.md", readme.lines().toList());

    assertThat(blocks)
        .containsExactly(
            new ByHandBlock(
                "labs/x/README.md",
                5,
                "labs/x",
                List.of(
                    new ByHandCommand(
                        9, "docker compose up -d --wait      # start it", Optional.empty()),
                    new ByHandCommand(
                        10,
                        "curl -i localhost:8080/   # → HTTP/1.1 200",
                        Optional.of("HTTP/1.1 200")))));
  }

  @Test
  void aMarkerAwayFromAFenceIsAnError() {
    assertThatThrownBy(
            () ->
                ByHandBlock.parse(
                    "README.md",
                    List.of("<!-- by hand in .: run by ReadmeCommandsIT -->", "", "```")))
        .hasMessageContaining("README.md:1: a by-hand marker must stand on the line before");
  }

  /** ReadmeCommandsIT runs them; here only that each is well-formed and its folder exists. */
  @Test
  void theLabReadmesMarkBlocksThatRunInFoldersOfTheKit() {
    var kit = KitRoot.locate();
    var catalog = new LabCatalog(kit);
    var blocks = new ArrayList<ByHandBlock>();
    for (var lab : catalog.ids()) {
      blocks.addAll(ByHandBlock.read(kit, catalog.folder(lab).resolve("README.md")));
    }
    assertThat(blocks)
        .extracting(ByHandBlock::readme)
        .contains("labs/nginx-reverse-proxy/README.md");
    assertThat(blocks)
        .allSatisfy(
            block -> {
              assertThat(kit.resolve(block.folder())).as("folder of %s", block).isDirectory();
              assertThat(block.commands()).as("commands of %s", block).isNotEmpty();
            });
  }
}
