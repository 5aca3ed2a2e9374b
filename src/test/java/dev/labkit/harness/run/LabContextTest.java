package dev.labkit.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.labkit.harness.lab.LabManifest;
import dev.labkit.harness.lab.LabManifest.CheckSpec;
import dev.labkit.harness.workspace.Workspace;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

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

  private static LabContext context(LabManifest manifest) {
    var kit = LabRunTest.FIXTURE_KIT;
    return new LabContext(
        new RunSession(),
        kit,
        manifest,
        Workspace.open(kit.resolve("labs/fixture/workspace"), "workspace", kit),
        new LabSettings(key -> Optional.empty()),
        new Console(new PrintStream(OutputStream.nullOutputStream()), "", true));
  }
}
