package dev.labkit.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.labkit.harness.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvenanceProbeTest {

  @TempDir Path kit;

  private static LabSettings settings(Map<String, String> values) {
    return new LabSettings(key -> Optional.ofNullable(values.get(key)));
  }

  private String filesHash(Path workspace) {
    return ProvenanceProbe.of(
            kit,
            ProvenanceProbeTest.class,
            "demo",
            Workspace.open(workspace, "w"),
            settings(Map.of()))
        .filesHash();
  }

  @Test
  void theGradedFilesHashFollowsTheFilesNotTheKitsFolders() throws Exception {
    var workspace = Files.createDirectories(kit.resolve("labs/demo"));
    Files.writeString(workspace.resolve("nginx.conf"), "events {}\n");
    var first = filesHash(workspace);

    Files.createDirectories(workspace.resolve("mistakes/x"));
    Files.writeString(workspace.resolve("mistakes/x/nginx.conf"), "broken\n");
    Files.writeString(workspace.resolve("README.md"), "the kit's text\n");
    Files.createDirectories(workspace.resolve("target/classes"));
    Files.writeString(workspace.resolve("target/classes/Photo.class"), "build output\n");
    assertThat(filesHash(workspace)).isEqualTo(first);

    Files.writeString(workspace.resolve("nginx.conf"), "events { }\n");
    assertThat(filesHash(workspace)).isNotEqualTo(first).startsWith("sha256:");
  }

  @Test
  void versionAndHintsComeFromTheSettings() throws Exception {
    var workspace = Files.createDirectories(kit.resolve("w"));
    var provenance =
        ProvenanceProbe.of(
            kit,
            ProvenanceProbeTest.class,
            "demo",
            Workspace.open(workspace, "w"),
            settings(Map.of("labkit.version", "v1.2.3", "labkit.hints", "false")));

    assertThat(provenance.kitVersion()).isEqualTo("v1.2.3");
    assertThat(provenance.hintsShown()).isFalse();
  }
}
