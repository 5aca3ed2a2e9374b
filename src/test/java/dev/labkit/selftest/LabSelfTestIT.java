package dev.labkit.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.labkit.harness.docker.DockerEngine;
import dev.labkit.harness.report.CheckResult;
import dev.labkit.harness.report.CheckStatus;
import dev.labkit.harness.report.RunReport;
import dev.labkit.harness.run.KitRoot;
import dev.labkit.harness.run.RunSession;
import dev.labkit.harness.selftest.CaseWorkspaces;
import dev.labkit.harness.selftest.LabCheckRunner;
import dev.labkit.harness.selftest.SelfTestCase;
import dev.labkit.harness.selftest.SelfTestCases;
import dev.labkit.harness.selftest.SelfTestSlots;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The kit's own test of its labs, run with {@code mvn verify -Pselftest [-Dlab=<id>]}: the solution
 * passes every check, the starter fails, alternatives pass, and each mistake fails exactly the
 * check its {@code expect} file names while no other check fails or errors. Cases run concurrently;
 * they share one run session (one S3 backend) and never a bucket.
 */
@Execution(ExecutionMode.CONCURRENT)
@ExtendWith(RunSession.Held.class)
class LabSelfTestIT {

  static List<SelfTestCase> cases() {
    var onlyLab = Optional.ofNullable(System.getProperty("lab")).filter(lab -> !lab.isBlank());
    var chosen = chosenCases();
    var cases =
        SelfTestCases.discover(KitRoot.locate(), onlyLab).stream()
            .filter(c -> chosen.isEmpty() || chosen.contains(c.name()))
            .toList();
    assertThat(cases)
        .as("selftest cases for %s %s", onlyLab.orElse("every lab"), chosen)
        .isNotEmpty();
    return cases;
  }

  /**
   * {@code -Dselftest.cases=solution,mistakes/<name>}: only these cases, to try one new case
   * without the lab's whole selftest. Empty: every case.
   */
  private static Set<String> chosenCases() {
    return Arrays.stream(System.getProperty("selftest.cases", "").split(","))
        .map(String::strip)
        .filter(name -> !name.isEmpty())
        .collect(Collectors.toSet());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void labChecksJudgeThisCaseRightly(SelfTestCase testCase) throws Exception {
    SelfTestSlots.inSlotOf(
        testCase.lab(),
        () -> {
          judge(testCase);
          return null;
        });
  }

  private void judge(SelfTestCase testCase) {
    var caseFolder =
        KitRoot.locate()
            .resolve("target/labkit/selftest")
            .resolve(testCase.lab())
            .resolve(
                testCase.name().replace('/', '-')
                    + testCase.settings().values().stream()
                        .map(v -> "-" + v)
                        .collect(Collectors.joining()));
    var workspace = CaseWorkspaces.materialize(testCase, caseFolder.resolve("workspace"));
    var report =
        LabCheckRunner.run(
            testCase.lab(), workspace, caseFolder.resolve("report"), testCase.settings());
    var table = table(report);
    switch (testCase.kind()) {
      case SOLUTION, ALTERNATIVE -> {
        assertThat(report.checks())
            .as("%s must pass every check:%n%s", testCase, table)
            .allMatch(
                check ->
                    check.status() == CheckStatus.PASSED
                        || (skipAllowed(testCase) && check.status() == CheckStatus.SKIPPED));
      }
      case STARTER -> {
        assertThat(report.checks())
            .as("the starter must fail at least one check:%n%s", table)
            .anyMatch(check -> check.status() == CheckStatus.FAILED);
        assertThat(report.checks())
            .as("no check may error out on the starter:%n%s", table)
            .noneMatch(check -> check.status() == CheckStatus.ERROR);
      }
      case MISTAKE -> {
        var expected = testCase.expectedFailure().orElseThrow();
        assertThat(report.checks())
            .as("%s names a check that does not exist: %s", testCase, expected)
            .anyMatch(check -> check.id().equals(expected));
        assertThat(report.checks())
            .as(
                "%s must fail check %s, and only it, without errors:%n%s",
                testCase, expected, table)
            .allMatch(
                check ->
                    check.id().equals(expected)
                        ? check.status() == CheckStatus.FAILED
                            && check.message() != null
                            && !check.message().isBlank()
                        : check.status() == CheckStatus.PASSED
                            || check.status() == CheckStatus.SKIPPED);
      }
    }
  }

  /**
   * Skips are right only where the backend lacks a feature (embedded S3 has no CORS) or Docker is
   * absent.
   */
  private static boolean skipAllowed(SelfTestCase testCase) {
    return !testCase.settings().isEmpty() || !DockerEngine.isAvailable();
  }

  private static String table(RunReport report) {
    return report.checks().stream().map(LabSelfTestIT::row).collect(Collectors.joining("\n"));
  }

  private static String row(CheckResult check) {
    var message =
        check.message() == null ? "" : " — " + check.message().lines().findFirst().orElse("");
    return String.format(
        Locale.ROOT, "  %-22s %-8s%s", check.id(), check.status().label(), message);
  }
}
