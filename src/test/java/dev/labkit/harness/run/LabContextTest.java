package dev.labkit.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.labkit.harness.lab.LabManifest;
import dev.labkit.harness.lab.LabManifest.CheckSpec;
import dev.labkit.harness.workspace.Workspace;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a run remembers for the checks that come later. */
class LabContextTest {

  @Test
  void aCheckCanNameTheCauseItsDependentsReport() {
    var files = new CheckSpec("files", "Files", 10, List.of(), "a tool rejects the files");
    var lab =
        context(new LabManifest("fixture", "Fixture", null, List.of(files), null, null, null));

    assertThat(lab.unmetReason(files)).isEqualTo("a tool rejects the files (see check files)");
    lab.unmetBecause("files", "the files cannot be read");
    assertThat(lab.unmetReason(files)).isEqualTo("the files cannot be read (see check files)");
  }

  @Test
  void aCheckTheMachineStoppedNamesTheMachineNotTheFiles() {
    var config = new CheckSpec("config", "Config", 10, List.of(), "the tool rejects the config");
    var lab =
        context(new LabManifest("fixture", "Fixture", null, List.of(config), null, null, null));

    lab.couldNotRun(
        config.id(), new EnvironmentProblem("No Docker engine is reachable.", "Start it."));

    assertThat(lab.unmetReason(config))
        .isEqualTo("No Docker engine is reachable (see check config)");
  }

  @Test
  void wordsTheCheckGaveItselfStayWhenTheMachineStopsIt() {
    var config = new CheckSpec("config", "Config", 10, List.of(), "the tool rejects the config");
    var lab =
        context(new LabManifest("fixture", "Fixture", null, List.of(config), null, null, null));

    lab.unmetBecause(config.id(), "the config cannot be read");
    lab.couldNotRun(
        config.id(), new EnvironmentProblem("No Docker engine is reachable.", "Start it."));

    assertThat(lab.unmetReason(config)).isEqualTo("the config cannot be read (see check config)");
  }

  @Test
  void aKeptStackIsNotClosedAndItsCommandsAreWrittenDown(@TempDir Path reports) throws Exception {
    var stack = new FakeStack(List.of("c1", "c2"));
    var other = new FakeStack(List.of());
    var lab = context(fixture(), Map.of(LabSettings.KEEP, "true"), reports);
    lab.closeAtEnd(other);
    lab.closeAtEnd(stack);

    lab.close();

    assertThat(stack.closed).isFalse();
    assertThat(stack.kept).isTrue();
    assertThat(other.closed).as("a stack with nothing running is closed").isTrue();
    assertThat(Files.readAllLines(reports.resolve("kept.txt"))).contains("curl localhost:1/");
    assertThat(Files.readAllLines(reports.resolve("kept-containers.txt")))
        .containsExactly("c1", "c2");
  }

  @Test
  void withoutKeepTheStackIsClosedAndAnOldNoteRemoved(@TempDir Path reports) throws Exception {
    Files.writeString(reports.resolve("kept.txt"), "curl localhost:1/");
    var stack = new FakeStack(List.of("c1"));
    var lab = context(fixture(), Map.of(), reports);
    lab.closeAtEnd(stack);

    lab.close();

    assertThat(stack.closed).isTrue();
    assertThat(stack.kept).isFalse();
    assertThat(reports.resolve("kept.txt")).doesNotExist();
  }

  @Test
  void whereContainersCannotOutliveTheJvmTheStackIsClosedNotFalselyKept(@TempDir Path reports) {
    var stack = new FakeStack(List.of("c1"));
    var lab = context(fixture(), Map.of(LabSettings.KEEP, "true"), reports, false);
    lab.closeAtEnd(stack);

    lab.close();

    assertThat(stack.closed).isTrue();
    assertThat(reports.resolve("kept.txt")).doesNotExist();
  }

  private static LabManifest fixture() {
    var check = new CheckSpec("check", "Check", 10, List.of(), null);
    return new LabManifest("fixture", "Fixture", null, List.of(check), null, null, null);
  }

  private static final class FakeStack implements KeepableStack {
    private final List<String> ids;
    boolean closed;
    boolean kept;

    FakeStack(List<String> ids) {
      this.ids = ids;
    }

    @Override
    public List<String> containerIds() {
      return ids;
    }

    @Override
    public List<String> howToTouch() {
      return List.of("# the page", "curl localhost:1/");
    }

    @Override
    public void keepRunning() {
      kept = true;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private static LabContext context(LabManifest manifest) {
    return context(manifest, Map.of(), null);
  }

  private static LabContext context(
      LabManifest manifest, Map<String, String> settings, Path reports) {
    return context(manifest, settings, reports, true);
  }

  private static LabContext context(
      LabManifest manifest, Map<String, String> settings, Path reports, boolean keepPossible) {
    var kit = LabRunTest.FIXTURE_KIT;
    var all = new java.util.HashMap<>(settings);
    if (reports != null) {
      all.put(LabSettings.REPORT_DIR, reports.toString());
    }
    return new LabContext(
        new RunSession(),
        kit,
        manifest,
        Workspace.open(kit.resolve("labs/fixture/workspace"), "workspace", kit),
        new LabSettings(key -> Optional.ofNullable(all.get(key))),
        new Console(new PrintStream(OutputStream.nullOutputStream()), "", true),
        () -> keepPossible);
  }
}
