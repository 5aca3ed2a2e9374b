package dev.labkit.harness.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.labkit.harness.lab.LabManifest;
import dev.labkit.harness.process.Command;
import dev.labkit.harness.workspace.Workspace;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class ProvenanceProbeTest {

  private static final LabManifest DEMO =
      new LabManifest(
          "demo", "Demo", List.of("nginx"), List.of(), List.of(), null, List.of("apps/notes"));

  @TempDir Path kit;

  private static LabSettings settings(Map<String, String> values) {
    return new LabSettings(key -> Optional.ofNullable(values.get(key)));
  }

  private String filesHash(Path workspace) {
    return ProvenanceProbe.of(
            kit,
            ProvenanceProbeTest.class,
            DEMO,
            Workspace.open(workspace, "w", kit),
            settings(Map.of()))
        .filesHash();
  }

  @Test
  void theGradedFilesHashFollowsTheFilesNotTheKitsFolders() throws Exception {
    var workspace = Files.createDirectories(kit.resolve("labs/demo"));
    Files.writeString(workspace.resolve("nginx.conf"), "events {}\n");
    var first = filesHash(workspace);

    Files.createDirectories(workspace.resolve(".meta/mistakes/x"));
    Files.writeString(workspace.resolve(".meta/mistakes/x/nginx.conf"), "broken\n");
    Files.writeString(workspace.resolve("README.md"), "the kit's text\n");
    Files.createDirectories(workspace.resolve("target/classes"));
    Files.writeString(workspace.resolve("target/classes/Photo.class"), "build output\n");
    assertThat(filesHash(workspace)).isEqualTo(first);

    Files.writeString(workspace.resolve("nginx.conf"), "events { }\n");
    assertThat(filesHash(workspace)).isNotEqualTo(first).startsWith("sha256:");
  }

  private String checksHash() {
    return ProvenanceProbe.of(
            kit,
            ProvenanceProbeTest.class,
            DEMO,
            Workspace.open(kit.resolve("labs/demo"), "w", kit),
            settings(Map.of()))
        .checksHash();
  }

  private void write(String file, String text) throws Exception {
    Files.createDirectories(kit.resolve(file).getParent());
    Files.writeString(kit.resolve(file), text);
  }

  @Test
  void theChecksHashFollowsWhatTheVerdictDependsOnAndNothingElse() throws Exception {
    var labPackage = "src/test/java/" + getClass().getPackageName().replace('.', '/');
    write("labs/demo/lab.yaml", "id: demo\n");
    write(labPackage + "/DemoChecks.java", "class DemoChecks {}\n");
    write("src/test/java/dev/labkit/harness/Core.java", "class Core {}\n");
    write("images/nginx/Dockerfile", "FROM debian\n");
    write("apps/notes/pom.xml", "<project/>\n");
    var first = checksHash();

    write(labPackage + "/DemoChecksTest.java", "class DemoChecksTest {}\n");
    write("src/test/java/dev/labkit/harness/CoreTest.java", "class CoreTest {}\n");
    write("images/prometheus/Dockerfile", "FROM debian\n");
    write("labs/demo/README.md", "text\n");
    assertThat(checksHash()).as("unit tests, other images, the lab's README").isEqualTo(first);

    for (var file :
        List.of(
            labPackage + "/DemoChecks.java",
            "src/test/java/dev/labkit/harness/Core.java",
            "labs/demo/lab.yaml",
            "images/nginx/Dockerfile",
            "apps/notes/pom.xml")) {
      var before = checksHash();
      write(file, "changed " + file + "\n");
      assertThat(checksHash()).as("after a change to %s", file).isNotEqualTo(before);
    }
  }

  @Test
  void versionAndHintsComeFromTheSettings() throws Exception {
    var workspace = Files.createDirectories(kit.resolve("w"));
    var provenance =
        ProvenanceProbe.of(
            kit,
            ProvenanceProbeTest.class,
            DEMO,
            Workspace.open(workspace, "w", kit),
            settings(Map.of("labkit.version", "v1.2.3", "labkit.hints", "false")));

    assertThat(provenance.kitVersion()).isEqualTo("v1.2.3");
    assertThat(provenance.hintsShown()).isFalse();
  }

  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC})
  void aFifoIsNamedNotOpened() throws Exception {
    var workspace = Files.createDirectories(kit.resolve("w"));
    Files.writeString(workspace.resolve("nginx.conf"), "events {}\n");
    var without = filesHash(workspace);
    var mkfifo =
        Command.of("mkfifo", workspace.resolve("nginx.conf.fifo").toString())
            .passing("PATH")
            .within(Duration.ofSeconds(10))
            .run();
    assertThat(mkfifo.succeeded()).as("mkfifo: %s", mkfifo.output()).isTrue();

    // Opening a FIFO for reading blocks until someone writes: the hash must not open it.
    var with = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> filesHash(workspace));

    assertThat(with).startsWith("sha256:").isNotEqualTo(without);
  }

  @Test
  void aFileOverTheBoundCountsByItsSizeNotItsContent() throws Exception {
    var workspace = Files.createDirectories(kit.resolve("w"));
    var huge = workspace.resolve("photo.raw");
    try (var file = new RandomAccessFile(huge.toFile(), "rw")) {
      file.setLength(2L * 1024 * 1024 * 1024); // sparse: 2 GiB that take no disk
    }

    var first = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> filesHash(workspace));
    try (var file = new RandomAccessFile(huge.toFile(), "rw")) {
      file.seek(1024L * 1024 * 1024);
      file.write(1); // other content, same size: the same hash
    }
    var sameSize = filesHash(workspace);
    try (var file = new RandomAccessFile(huge.toFile(), "rw")) {
      file.setLength(2L * 1024 * 1024 * 1024 + 1);
    }

    assertThat(sameSize).isEqualTo(first);
    assertThat(filesHash(workspace)).isNotEqualTo(first);
  }

  @Test
  void theWalkStopsAtItsBoundAndTheHashSaysSo() throws Exception {
    var workspace = Files.createDirectories(kit.resolve("w"));
    for (int i = 0; i < 10; i++) {
      Files.writeString(workspace.resolve("f" + i), "x");
    }
    var root = List.of(workspace);

    assertThat(ProvenanceProbe.hash(workspace, root, name -> false, 5))
        .startsWith("sha256:")
        .isNotEqualTo(ProvenanceProbe.hash(workspace, root, name -> false, 100));
    assertThat(ProvenanceProbe.hash(workspace, root, name -> false, 100))
        .isEqualTo(ProvenanceProbe.hash(workspace, root, name -> false, 11));
  }

  @Test
  void aTreeOverTenThousandEntriesIsHashedInBoundedTime() throws Exception {
    var workspace = Files.createDirectories(kit.resolve("w"));
    for (int i = 0; i <= ProvenanceProbe.MAX_ENTRIES; i++) {
      Files.createFile(workspace.resolve("f" + i));
    }

    assertThat(assertTimeoutPreemptively(Duration.ofSeconds(20), () -> filesHash(workspace)))
        .startsWith("sha256:");
  }

  @Test
  void theKitsCommitIsReadWithinItsTimeLimit() {
    assertThat(
            ProvenanceProbe.firstLineOf(
                List.of("sh", "-c", "echo abc123; echo more"), Duration.ofSeconds(10)))
        .contains("abc123");
    assertThat(
            ProvenanceProbe.firstLineOf(
                List.of("sh", "-c", "echo x; exit 3"), Duration.ofSeconds(10)))
        .isEmpty();

    // A command that never ends (and never closes its output) is given up after the limit.
    long start = System.nanoTime();
    assertThat(
            ProvenanceProbe.firstLineOf(
                List.of("sh", "-c", "echo abc; exec sleep 60"), Duration.ofSeconds(1)))
        .isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
  }
}
