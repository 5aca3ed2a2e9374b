package dev.labkit.harness.selftest;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.labkit.harness.lab.Check;
import dev.labkit.harness.lab.Lab;
import dev.labkit.harness.report.ReportWriter;
import dev.labkit.harness.report.RunReport;
import dev.labkit.harness.run.LabSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Runs a lab's check class through the JUnit Platform, as Failsafe would for a learner, against a
 * given workspace, and returns the report that run wrote: the selftest judges what graders read.
 */
public final class LabCheckRunner {

  private LabCheckRunner() {}

  public static Class<?> checkClass(String labId) {
    return ReflectionSupport.findAllClassesInPackage(
            "dev.labkit.labs",
            type ->
                type.isAnnotationPresent(Lab.class)
                    && type.getAnnotation(Lab.class).value().equals(labId),
            name -> true)
        .stream()
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no @Lab(\"" + labId + "\") class under dev.labkit.labs"));
  }

  public static RunReport run(
      String labId, Path workspace, Path reportFolder, Map<String, String> settings) {
    return run(selectClass(checkClass(labId)), workspace, reportFolder, settings);
  }

  /**
   * Runs only the checks {@code checkIds} of a lab; the report lists the others as not run. What
   * those checks build on is still made when they need it (a compose check builds the image), so a
   * check's outcome is the one a whole run would give it.
   */
  public static RunReport runChecks(
      String labId,
      Set<String> checkIds,
      Path workspace,
      Path reportFolder,
      Map<String, String> settings) {
    var type = checkClass(labId);
    var methods =
        ReflectionSupport.findMethods(
                type,
                method ->
                    method.isAnnotationPresent(Check.class)
                        && checkIds.contains(method.getAnnotation(Check.class).value()),
                HierarchyTraversalMode.TOP_DOWN)
            .stream()
            .map(method -> selectMethod(type, method))
            .toArray(DiscoverySelector[]::new);
    if (methods.length != checkIds.size()) {
      throw new IllegalArgumentException("lab " + labId + " has no check among " + checkIds);
    }
    return run(methods, workspace, reportFolder, settings);
  }

  private static RunReport run(
      DiscoverySelector selector, Path workspace, Path reportFolder, Map<String, String> settings) {
    return run(new DiscoverySelector[] {selector}, workspace, reportFolder, settings);
  }

  private static RunReport run(
      DiscoverySelector[] selectors,
      Path workspace,
      Path reportFolder,
      Map<String, String> settings) {
    // Only what is given here reaches the checks (not system properties); the workspace and the
    // report folder given as arguments win over any setting of the same name.
    var request = EngineTestKit.engine("junit-jupiter").selectors(selectors);
    settings.forEach(request::configurationParameter);
    request
        .configurationParameter(LabSettings.WORKSPACE, workspace.toString())
        .configurationParameter(LabSettings.REPORT_DIR, reportFolder.toString())
        .configurationParameter(LabSettings.CONSOLE, "quiet");
    var results = request.execute();
    var report = ReportWriter.read(reportFolder);
    requireAgreement(results, report);
    return report;
  }

  /**
   * JUnit's outcome of each check that ran (what sets Maven's exit code for a learner) must be the
   * report's: passed is successful, failed and error are failed, skipped is aborted. A disagreement
   * is a kit bug, never a learner's.
   */
  public static void requireAgreement(EngineExecutionResults results, RunReport report) {
    var disagreements = new ArrayList<String>();
    results.testEvents().finished().stream()
        .forEach(
            event -> {
              var check = checkOf(event.getTestDescriptor());
              if (check.isEmpty()) {
                return;
              }
              var junit = event.getRequiredPayload(TestExecutionResult.class).getStatus();
              var reported =
                  report.checks().stream().filter(c -> c.id().equals(check.get())).findFirst();
              var expected =
                  reported.map(
                      c ->
                          switch (c.status()) {
                            case PASSED -> TestExecutionResult.Status.SUCCESSFUL;
                            case FAILED, ERROR -> TestExecutionResult.Status.FAILED;
                            case SKIPPED -> TestExecutionResult.Status.ABORTED;
                          });
              if (expected.isEmpty() || expected.get() != junit) {
                disagreements.add(
                    check.get()
                        + ": JUnit "
                        + junit
                        + ", report "
                        + reported.map(c -> c.status().label()).orElse("missing"));
              }
            });
    if (!disagreements.isEmpty()) {
      throw new IllegalStateException(
          "report.json and JUnit disagree: " + String.join("; ", disagreements));
    }
  }

  private static Optional<String> checkOf(TestDescriptor descriptor) {
    return descriptor
        .getSource()
        .filter(MethodSource.class::isInstance)
        .map(source -> ((MethodSource) source).getJavaMethod().getAnnotation(Check.class))
        .map(Check::value);
  }
}
