package dev.labkit.harness.run;

import dev.labkit.harness.docker.DockerEngine;
import dev.labkit.harness.docker.KitContainers;
import dev.labkit.harness.images.ImagesOnFirstUse;
import dev.labkit.harness.lab.Check;
import dev.labkit.harness.lab.CheckChoice;
import dev.labkit.harness.lab.Lab;
import dev.labkit.harness.lab.LabCatalog;
import dev.labkit.harness.lab.LabManifest;
import dev.labkit.harness.report.CheckResult;
import dev.labkit.harness.report.CheckStatus;
import dev.labkit.harness.report.ConsoleSummary;
import dev.labkit.harness.report.PrintableText;
import dev.labkit.harness.report.Provenance;
import dev.labkit.harness.report.ReportWriter;
import dev.labkit.harness.report.RunReport;
import dev.labkit.harness.workspace.Workspace;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;
import org.opentest4j.TestAbortedException;

/**
 * The JUnit extension behind {@link Lab}: opens the workspace and manifest before the checks, times
 * and classifies each check, then writes report.json/report.md and prints the summary table. Its
 * state lives in the class-level store, so resources close even when a check or the set-up fails;
 * the {@link RunSession} the lab's run belongs to lives in the root store and closes when the JUnit
 * run ends.
 */
public final class LabRun
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeTestExecutionCallback,
        AfterTestExecutionCallback,
        TestWatcher,
        ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(LabRun.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    var state = new RunState(Instant.now(), System.nanoTime());
    store(context).put(RunState.class, state);
    var settings = new LabSettings(context::getConfigurationParameter);
    var labId = context.getRequiredTestClass().getAnnotation(Lab.class).value();
    var kitRoot = settings.kitRoot();
    var manifest = new LabCatalog(kitRoot).load(labId);
    state.manifest = manifest;
    requireChecksMatchManifest(context.getRequiredTestClass(), manifest);
    var asked = settings.get(CheckChoice.SETTING, "");
    var unknownChecks = CheckChoice.unknown(asked, manifest);
    if (!unknownChecks.isEmpty()) {
      // LabkitCommand.validate says this before the run; a run started some other way says it here.
      state.setupFailure =
          new IllegalArgumentException(
              "-D" + CheckChoice.SETTING + ": " + String.join("; ", unknownChecks));
      throw state.setupFailure;
    }
    state.choice = CheckChoice.parse(asked, manifest);
    var folder = settings.workspaceFolder(kitRoot, labId);
    // A submission's folder name is the learner's text too.
    state.workspaceName = PrintableText.oneLine(shown(kitRoot, folder));
    var console = new Console(System.out, "[labkit] ", settings.quiet());
    try {
      var session = RunSession.of(context);
      var workspace = Workspace.open(folder, state.workspaceName, kitRoot);
      var lab =
          new LabContext(
              session, kitRoot, manifest, workspace, settings, console, KitContainers::canKeep);
      state.lab = lab;
      // A lab without Docker images (or a machine without Docker) goes on; its checks say why.
      if (!manifest.images().isEmpty() && DockerEngine.isAvailable()) {
        new ImagesOnFirstUse(
                kitRoot,
                lab.images(),
                name -> DockerEngine.hasImage(lab.images().image(name)),
                console::say)
            .ensure(manifest.images());
      }
      state.provenance =
          ProvenanceProbe.of(
              kitRoot, context.getRequiredTestClass(), manifest, workspace, settings);
      console.say("checking lab " + labId + " in " + state.workspaceName);
      state.choice.ifPresent(choice -> console.say(choice.announcement()));
    } catch (RuntimeException e) {
      state.setupFailure = e;
      throw e;
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == LabContext.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return state(context).lab;
  }

  /**
   * Times the check, after making sure what it needs (its manifest {@code needs}) passed in this
   * run: otherwise the check is skipped with the needed checks' own words, before it starts.
   */
  @Override
  public void beforeTestExecution(ExtensionContext context) {
    context.getStore(NAMESPACE).put("start", System.nanoTime());
    var check = context.getRequiredTestMethod().getAnnotation(Check.class);
    var state = state(context);
    if (check == null || state == null || state.lab == null) {
      return;
    }
    if (state.choice.isPresent() && !state.choice.get().runs(check.value())) {
      throw new TestAbortedException(state.choice.get().leftOutReason());
    }
    var unmet =
        state
            .manifest
            .check(check.value())
            .map(LabManifest.CheckSpec::needs)
            .orElse(List.of())
            .stream()
            .filter(need -> !state.lab.passed(need))
            .toList();
    if (unmet.size() == 1) {
      throw new TestAbortedException(
          state.lab.unmetReason(state.manifest.check(unmet.get(0)).orElseThrow()));
    }
    if (!unmet.isEmpty()) {
      throw new TestAbortedException(
          "it runs once the checks it builds on pass; not yet: " + String.join(", ", unmet));
    }
  }

  @Override
  public void afterTestExecution(ExtensionContext context) {
    long start = context.getStore(NAMESPACE).getOrDefault("start", Long.class, System.nanoTime());
    context.getStore(NAMESPACE).put("elapsedMs", (System.nanoTime() - start) / 1_000_000);
  }

  @Override
  public void testSuccessful(ExtensionContext context) {
    record(context, CheckOutcome.passed(elapsed(context)));
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    var check = context.getRequiredTestMethod().getAnnotation(Check.class);
    var state = state(context);
    if (cause instanceof EnvironmentProblem problem
        && check != null
        && state != null
        && state.lab != null) {
      state.lab.couldNotRun(check.value(), problem);
    }
    record(context, CheckOutcome.from(cause, elapsed(context)));
  }

  @Override
  public void testAborted(ExtensionContext context, Throwable cause) {
    record(context, CheckOutcome.from(cause, elapsed(context)));
  }

  @Override
  public void testDisabled(ExtensionContext context, Optional<String> reason) {
    record(context, new CheckOutcome(CheckStatus.SKIPPED, reason.orElse("disabled"), List.of(), 0));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    var state = state(context);
    if (state == null || state.manifest == null) {
      return;
    }
    var settings = new LabSettings(context::getConfigurationParameter);
    try {
      var report = state.report();
      var reportFolder = settings.reportFolder(settings.kitRoot(), report.lab());
      ReportWriter.write(reportFolder, report);
      if (!settings.quiet()) {
        System.out.println();
        System.out.print(ConsoleSummary.render(report, shown(settings.kitRoot(), reportFolder)));
        System.out.flush();
      }
    } finally {
      if (state.lab != null) {
        state.lab.close();
      }
    }
  }

  private void record(ExtensionContext context, CheckOutcome outcome) {
    var check = context.getRequiredTestMethod().getAnnotation(Check.class);
    var state = state(context);
    if (check == null || state == null) {
      return;
    }
    if (state.provenance != null && outcome.status() == CheckStatus.FAILED) {
      if (!state.provenance.hintsShown()) {
        outcome = outcome.withoutHints();
      } else if (state.lab != null && !state.lab.settings().fullHints()) {
        outcome = outcome.withoutExamples();
      }
    }
    state.outcomes.put(check.value(), outcome);
    if (state.lab != null) {
      state.lab.recordStatus(check.value(), outcome.status());
      var console = state.lab.console();
      console.say(
          symbol(outcome.status())
              + " "
              + "["
              + check.value()
              + "] "
              + state.manifest.check(check.value()).map(LabManifest.CheckSpec::title).orElse("")
              + " ("
              + Console.seconds(outcome.durationMs() * 1_000_000)
              + ")");
      if (outcome.message() != null && outcome.status() != CheckStatus.PASSED) {
        for (var line : outcome.message().split("\n")) {
          console.say("    " + line);
        }
      }
    }
  }

  private static String symbol(CheckStatus status) {
    return switch (status) {
      case PASSED -> "PASS";
      case FAILED -> "FAIL";
      case SKIPPED -> "SKIP";
      case ERROR -> "ERROR";
    };
  }

  private static long elapsed(ExtensionContext context) {
    return context.getStore(NAMESPACE).getOrDefault("elapsedMs", Long.class, 0L);
  }

  private static ExtensionContext.Store store(ExtensionContext context) {
    return context.getStore(NAMESPACE);
  }

  /** Finds the class-level state from a class or method context. */
  private static RunState state(ExtensionContext context) {
    for (var current = Optional.of(context);
        current.isPresent();
        current = current.get().getParent()) {
      var state = current.get().getStore(NAMESPACE).get(RunState.class, RunState.class);
      if (state != null) {
        return state;
      }
    }
    return null;
  }

  /** A check method without a manifest entry, or the reverse, is a kit bug: refuse to run. */
  private static void requireChecksMatchManifest(Class<?> checkClass, LabManifest manifest) {
    var inClass = new TreeSet<String>();
    for (Method method : checkClass.getDeclaredMethods()) {
      var check = method.getAnnotation(Check.class);
      if (check != null) {
        inClass.add(check.value());
      }
    }
    var inManifest = new TreeSet<String>();
    manifest.checks().forEach(check -> inManifest.add(check.id()));
    if (!inClass.equals(inManifest)) {
      throw new IllegalStateException(
          "lab "
              + manifest.id()
              + ": the checks in "
              + checkClass.getSimpleName()
              + " "
              + inClass
              + " differ from lab.yaml "
              + inManifest);
    }
  }

  /** The mutable state of one run; only this extension touches it. */
  private static final class RunState {
    final Instant startedAt;
    final long startNanos;
    final Map<String, CheckOutcome> outcomes = new ConcurrentHashMap<>();
    LabManifest manifest;
    Optional<CheckChoice> choice = Optional.empty();
    String workspaceName;
    LabContext lab;
    Provenance provenance;
    RuntimeException setupFailure;

    RunState(Instant startedAt, long startNanos) {
      this.startedAt = startedAt;
      this.startNanos = startNanos;
    }

    RunReport report() {
      var results = new ArrayList<CheckResult>();
      int score = 0;
      for (var spec : manifest.checks()) {
        var outcome = outcomes.get(spec.id());
        if (outcome == null) {
          var reason =
              setupFailure != null
                  ? setupFailure
                  : new IllegalStateException("the check did not run");
          outcome = CheckOutcome.from(reason, 0);
        }
        int points = outcome.status() == CheckStatus.PASSED ? spec.points() : 0;
        score += points;
        var first = outcome.problems().isEmpty() ? null : outcome.problems().get(0);
        results.add(
            new CheckResult(
                spec.id(),
                spec.title(),
                outcome.status(),
                points,
                spec.points(),
                outcome.message(),
                first == null ? null : first.hint(),
                first == null ? null : first.file(),
                first == null ? null : first.line(),
                outcome.durationMs(),
                outcome.problems()));
      }
      var backends = lab == null ? Map.<String, String>of() : lab.backends();
      return new RunReport(
          RunReport.FORMAT_VERSION,
          manifest.id(),
          manifest.title(),
          workspaceName,
          backends,
          provenance,
          startedAt,
          (System.nanoTime() - startNanos) / 1_000_000,
          score,
          manifest.maxScore(),
          results);
    }
  }

  /** A folder as a learner types it: relative to the kit when it is inside, else absolute. */
  private static String shown(Path kitRoot, Path folder) {
    var absolute = folder.toAbsolutePath().normalize();
    return absolute.startsWith(kitRoot)
        ? kitRoot.relativize(absolute).toString()
        : absolute.toString();
  }
}
