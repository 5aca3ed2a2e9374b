package dev.labkit.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.labkit.harness.docker.DockerCli;
import dev.labkit.harness.run.KitRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every compose file a learner may start by hand is accepted by Docker Compose v2 itself. */
class ComposeFilesIT {

  static List<Path> composeFiles() throws IOException {
    try (var files = Files.list(KitRoot.locate().resolve("compose"))) {
      return files.filter(path -> path.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  @ParameterizedTest
  @MethodSource("composeFiles")
  void dockerComposeConfigAcceptsIt(Path file) {
    var result =
        DockerCli.run(
            List.of("compose", "-f", file.toString(), "config", "--quiet"),
            KitRoot.locate(),
            Duration.ofSeconds(60));
    assertThat(result.succeeded())
        .as(
            "docker compose -f %s config (needs Docker Compose v2: scripts/setup-docker.sh installs it):%n%s",
            KitRoot.locate().relativize(file), result.output())
        .isTrue();
  }
}
