package dev.labkit.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.labkit.harness.docker.DockerCli;
import dev.labkit.harness.docker.KitContainers;
import dev.labkit.harness.process.Command;
import dev.labkit.harness.process.PassedEnvironment;
import dev.labkit.harness.run.KitRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/room-bundle.sh: an image exported into a bundle and removed comes back on import, and a
 * bundle's Maven repository is merged into the machine's without overwriting. (The Maven half of
 * export needs Maven Central and minutes; the README gives its measured size and time.)
 */
class RoomBundleIT {

  @TempDir Path folder;

  @Test
  void anExportedImageComesBackOnImport() throws Exception {
    var probe = "labkit-bundle-probe:" + KitContainers.runId();
    docker("tag", "registry:2.8.2", probe);
    try {
      var bundle = folder.resolve("room.tar");
      assertThat(script(Map.of(), "export", bundle.toString(), "--no-maven", "--only-image", probe))
          .contains("wrote");
      docker("rmi", probe);

      assertThat(
              script(
                  Map.of("MAVEN_REPO", folder.resolve("m2").toString()),
                  "import",
                  bundle.toString()))
          .contains("imported");
      assertThat(docker("image", "inspect", "--format", "{{.Id}}", probe)).startsWith("sha256:");
    } finally {
      DockerCli.run(List.of("rmi", probe), folder, Duration.ofSeconds(30));
    }
  }

  @Test
  void importMergesTheMavenRepositoryWithoutOverwriting() throws Exception {
    var content = Files.createDirectories(folder.resolve("content"));
    Files.writeString(content.resolve("MANIFEST"), "labkit room bundle\n");
    var artifact = Files.createDirectories(content.resolve("m2/org/example/demo/1.0"));
    Files.writeString(artifact.resolve("demo-1.0.pom"), "from the bundle");
    Files.writeString(artifact.resolve("demo-1.0.jar"), "from the bundle");
    var bundle = folder.resolve("maven-only.tar");
    run(List.of("tar", "-cf", bundle.toString(), "-C", content.toString(), "."), Map.of());
    var repo = Files.createDirectories(folder.resolve("repo/org/example/demo/1.0"));
    Files.writeString(repo.resolve("demo-1.0.pom"), "already here");

    script(Map.of("MAVEN_REPO", folder.resolve("repo").toString()), "import", bundle.toString());

    assertThat(repo.resolve("demo-1.0.pom")).hasContent("already here");
    assertThat(repo.resolve("demo-1.0.jar")).hasContent("from the bundle");
  }

  private static String docker(String... arguments) {
    var result = DockerCli.run(List.of(arguments), KitRoot.locate(), Duration.ofMinutes(2));
    assertThat(result.succeeded())
        .as("docker %s: %s", List.of(arguments), result.output())
        .isTrue();
    return result.output().strip();
  }

  private static String script(Map<String, String> environment, String... arguments) {
    var command = new java.util.ArrayList<>(List.of("bash", "scripts/room-bundle.sh"));
    command.addAll(List.of(arguments));
    return run(command, environment);
  }

  /**
   * Runs {@code command} in the kit's folder with what the script needs of the kit's environment
   * (the docker CLI's variables, the locale) and {@code environment}.
   */
  private static String run(List<String> command, Map<String, String> environment) {
    var result =
        Command.of(command)
            .in(KitRoot.locate())
            .passing(PassedEnvironment.DOCKER)
            .passing("LANG", "LC_ALL")
            .with(environment)
            .within(Duration.ofMinutes(5))
            .run();
    assertThat(result.succeeded()).as("%s:%n%s", command, result.output()).isTrue();
    return result.output();
  }
}
