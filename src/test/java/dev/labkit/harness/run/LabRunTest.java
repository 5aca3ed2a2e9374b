package dev.labkit.harness.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.labkit.harness.docker.DockerEngine;
import dev.labkit.harness.lab.CheckChoice;
import dev.labkit.harness.report.CheckResult;
import dev.labkit.harness.report.CheckStatus;
import dev.labkit.harness.report.ReportWriter;
import dev.labkit.harness.selftest.LabCheckRunner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The run extension end to end, against the fixture kit: the console, report.json, report.md and
 * JUnit's outcomes (which set Maven's exit code) agree, check by check.
 */
class LabRunTest {

  static final Path FIXTURE_KIT = Path.of("src/test/resources/fixture-kit").toAbsolutePath();

  @TempDir Path reports;

  @Test
  void theConsoleTheReportAndJUnitTellTheSameStory() throws Exception {
    var console = new ByteArrayOutputStream();
    var results = runFixture(console, "");
    var report = ReportWriter.read(reports);

    assertThat(report.checks())
        .extracting(CheckResult::id, CheckResult::status, CheckResult::points)
        .containsExactly(
            tuple("passes", CheckStatus.PASSED, 5),
            tuple("fails", CheckStatus.FAILED, 0),
            tuple("builds-on-fails", CheckStatus.SKIPPED, 0),
            tuple("errors", CheckStatus.ERROR, 0),
            tuple("skips", CheckStatus.SKIPPED, 0));
    assertThat(report.score()).isEqualTo(5);
    assertThat(report.maxScore()).isEqualTo(30);
    var byId = report.checks().stream().collect(Collectors.toMap(CheckResult::id, c -> c));
    assertThat(byId.get("fails").message())
        .startsWith("2 problems:")
        .contains("file.txt:1: the greeting is wrong", "expected: hi", "actual:   hello")
        .contains("a second problem\\r\\u001b[31m with escapes");
    assertThat(byId.get("fails").file()).isEqualTo("file.txt");
    assertThat(byId.get("fails").line()).isEqualTo(1);
    assertThat(byId.get("builds-on-fails").message())
        .isEqualTo("the thing cannot be used yet (see check fails)");
    assertThat(byId.get("errors").message()).contains("IllegalStateException: the kit broke");
    assertThat(byId.get("skips").message()).isEqualTo("this machine has no such thing");

    // JUnit's outcomes, which decide Maven's exit code, are the report's.
    LabCheckRunner.requireAgreement(results, report);
    assertThat(results.testEvents().failed().count()).as("failed or errored checks").isEqualTo(2);
    assertThat(results.testEvents().aborted().count()).as("skipped checks").isEqualTo(2);

    var printed = console.toString(StandardCharsets.UTF_8);
    assertThat(printed)
        .contains("[labkit] PASS [passes] A check that passes")
        .contains("[labkit] FAIL [fails] A check that fails with two problems")
        .contains(
            "[labkit] SKIP [builds-on-fails] A check that needs the failed one",
            "[labkit]     the thing cannot be used yet (see check fails)")
        .contains("[labkit] ERROR [errors] A check that breaks")
        .contains("fixture: 5/30 points, not done yet")
        .doesNotContain("\r", "\u001b");
    assertThat(
            printed
                .lines()
                .filter(line -> line.matches("^(passes|fails|builds-on-fails|errors|skips) .*"))
                .map(line -> line.replaceAll("\\s+[0-9.]+ s$", "").split("\\s+")))
        .as("the table: check, status, points (time left out)")
        .containsExactly(
            new String[] {"passes", "passed", "5/5"},
            new String[] {"fails", "failed", "0/10"},
            new String[] {"builds-on-fails", "skipped", "0/5"},
            new String[] {"errors", "error", "0/5"},
            new String[] {"skips", "skipped", "0/5"});
    assertThat(Files.readString(reports.resolve(ReportWriter.MARKDOWN)))
        .startsWith("## labkit: fixture — 5/30 points");
  }

  @Test
  void aChosenCheckRunsWithWhatItNeedsAndTheOthersAreLeftOutWithTheReason() {
    var console = new ByteArrayOutputStream();
    var results = runFixture(console, "builds-on-fails");
    var report = ReportWriter.read(reports);

    var byId = report.checks().stream().collect(Collectors.toMap(CheckResult::id, c -> c));
    assertThat(byId.get("fails").status()).isEqualTo(CheckStatus.FAILED);
    assertThat(byId.get("builds-on-fails").message())
        .isEqualTo("the thing cannot be used yet (see check fails)");
    for (var leftOut : new String[] {"passes", "errors", "skips"}) {
      assertThat(byId.get(leftOut).status()).as(leftOut).isEqualTo(CheckStatus.SKIPPED);
      assertThat(byId.get(leftOut).message())
          .as(leftOut)
          .isEqualTo("left out by -Dlabkit.check=builds-on-fails");
    }
    LabCheckRunner.requireAgreement(results, report);
    assertThat(console.toString(StandardCharsets.UTF_8))
        .contains("[labkit] only fails, builds-on-fails (-Dlabkit.check and what it needs)")
        .doesNotContain("ERROR");
  }

  @Test
  void checksBehindOneTheMachineStoppedSayWhatTheMachineLacks() throws Exception {
    runFixture(FixtureMachineLab.class, new ByteArrayOutputStream());
    var report = ReportWriter.read(reports);

    assertThat(report.checks())
        .extracting(CheckResult::id, CheckResult::status, CheckResult::message)
        .containsExactly(
            tuple(
                "config-valid",
                CheckStatus.ERROR,
                DockerEngine.NOT_REACHABLE + "\n    hint:     " + DockerEngine.START_DOCKER),
            tuple(
                "builds-on-config",
                CheckStatus.SKIPPED,
                "No Docker engine is reachable (see check config-valid)"));
  }

  /** Runs the fixture lab as Failsafe would for a learner, with its console captured. */
  private EngineExecutionResults runFixture(ByteArrayOutputStream console, String checks) {
    return runFixture(FixtureLab.class, console, checks);
  }

  private EngineExecutionResults runFixture(Class<?> lab, ByteArrayOutputStream console) {
    return runFixture(lab, console, "");
  }

  private EngineExecutionResults runFixture(
      Class<?> lab, ByteArrayOutputStream console, String checks) {
    var original = System.out;
    System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
    try {
      var request =
          EngineTestKit.engine("junit-jupiter")
              .selectors(selectClass(lab))
              .configurationParameter(LabSettings.ROOT, FIXTURE_KIT.toString())
              .configurationParameter(
                  LabSettings.WORKSPACE, FIXTURE_KIT.resolve("labs/fixture/workspace").toString())
              .configurationParameter(LabSettings.REPORT_DIR, reports.toString())
              .configurationParameter(CheckChoice.SETTING, checks);
      return request.execute();
    } finally {
      System.setOut(original);
    }
  }
}
