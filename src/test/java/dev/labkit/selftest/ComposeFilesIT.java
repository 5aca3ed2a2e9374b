package dev.labkit.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.labkit.harness.run.KitRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
  void dockerComposeConfigAcceptsIt(Path file) throws Exception {
    var process =
        new ProcessBuilder("docker", "compose", "-f", file.toString(), "config", "--quiet")
            .redirectErrorStream(true)
            .start();
    boolean finished = process.waitFor(60, TimeUnit.SECONDS);
    if (!finished) {
      process.destroyForcibly();
    }
    var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(finished && process.exitValue() == 0)
        .as(
            "docker compose -f %s config (needs Docker Compose v2: scripts/setup-docker.sh installs it):%n%s",
            KitRoot.locate().relativize(file), output)
        .isTrue();
  }
}
