package dev.labkit.labs.prometheusscrape;

import static org.awaitility.Awaitility.await;

import dev.labkit.harness.feedback.Feedback;
import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.lab.Check;
import dev.labkit.harness.lab.Lab;
import dev.labkit.harness.prometheus.PrometheusApi;
import dev.labkit.harness.run.LabContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * Checks of the prometheus-scrape lab, against one shared {@link ObservabilityStack}. They run in
 * manifest order on purpose: healthy checks first, then the error-rate alert (failing traffic),
 * then the shop is stopped for ShopDown, whose notification the routing check follows. Every check
 * but config-valid needs it to pass (lab.yaml).
 */
@Lab("prometheus-scrape")
class PrometheusScrapeChecks {

  static final String CONFIG_VALID = "config-valid";
  static final String BOTH_JOBS = "{job=~\"shop|billing\"}";

  private LabContext lab;

  @BeforeAll
  void open(LabContext lab) {
    this.lab = lab;
  }

  @Check("config-valid")
  void toolsAcceptTheConfiguration() {
    var feedback = new Feedback();
    var files = LearnerFiles.read(lab.workspace(), feedback);
    if (files.isEmpty()) {
      // The workspace's own message says which file and why; the checks after say so too.
      lab.unmetBecause(CONFIG_VALID, ConfigValidation.UNREADABLE);
    }
    feedback.assertNone();
    assertNone(ConfigValidation.run(lab, files.orElseThrow()));
  }

  @Check("intervals")
  void scrapeAndEvaluateEveryFiveSeconds() {
    assertNone(ScrapeRules.intervals(api().loadedConfig()));
  }

  @Check("targets-up")
  void bothJobsScrapeTheirTargets() {
    assertNone(ScrapeRules.targetsUp(api()));
  }

  @Check("env-label")
  void everySeriesIsLabelled() {
    assertNone(ScrapeRules.envLabel(scrapedApi().query(ScrapeRules.UNLABELLED)));
  }

  @Check("no-debug-series")
  void debugSeriesAreDropped() {
    assertNone(ScrapeRules.debugSeries(scrapedApi().query(ScrapeRules.DEBUG_SERIES)));
  }

  @Check("recording-rule")
  void requestRateIsRecordedPerJob() {
    assertNone(RateRecording.judge(scrapedApi()));
  }

  @Check("no-false-alarms")
  void healthySystemRaisesNoAlert() {
    assertNone(AlertRules.noFalseAlarms(scrapedApi()));
  }

  @Check("high-error-rate")
  void highErrorRateFiresOnFailures() {
    var api = scrapedApi();
    // Both sides of the 5% threshold exactly (promtool), then the live trial on real traffic.
    var problems = new ArrayList<Problem>();
    AlertRules.alerting(api.rules(), ErrorRateTrial.ALERT)
        .ifPresent(
            rule ->
                problems.addAll(
                    ErrorRateThreshold.run(
                        lab,
                        ErrorRateThreshold.loaded(learnerFiles().rules(), api.ruleGroups()),
                        rule.duration())));
    problems.addAll(ErrorRateTrial.run(lab.console(), api, stack().traffic));
    assertNone(problems);
  }

  @Check("shop-down")
  void shopDownFiresAfterTenSeconds() {
    scrapedApi();
    assertNone(ShopDownTrial.run(lab.console(), stack()));
  }

  @Check("alert-routing")
  void criticalAlertsReachTheWebhook() {
    var stack = stack();
    // Whether ShopDown fired, not whether shop-down passed: a ShopDown without for: still fires,
    // and its routing is still worth judging.
    Assumptions.assumeTrue(
        stack.shopDownFired,
        "ShopDown never fired, so there is nothing to route (see check shop-down)");
    assertNone(AlertRouting.judge(lab.console(), stack.hooks));
  }

  // ---- shared steps ---------------------------------------------------------------------------

  /**
   * The stack with the learner's files. Only config-valid can meet files that cannot be read or
   * that the tools reject: every other check needs config-valid to pass first (lab.yaml).
   */
  private ObservabilityStack stack() {
    var files = learnerFiles();
    return lab.once("stack", () -> lab.closeAtEnd(ObservabilityStack.start(lab, files)));
  }

  private LearnerFiles learnerFiles() {
    return LearnerFiles.read(lab.workspace(), new Feedback())
        .orElseThrow(() -> new IllegalStateException(ConfigValidation.UNREADABLE));
  }

  private PrometheusApi api() {
    return stack().prometheus.api();
  }

  /**
   * The API, once both jobs have delivered series; checks of series skip otherwise. A state of the
   * stack rather than a check's verdict: a job whose target is down still has its up series.
   */
  private PrometheusApi scrapedApi() {
    var api = api();
    boolean scraped =
        lab.once(
            "scraped",
            () -> {
              try {
                await("series of jobs shop and billing stored")
                    .atMost(ScrapeRules.TARGETS_LIMIT)
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> api.query("count by (job) (" + BOTH_JOBS + ")").size() == 2);
                return true;
              } catch (ConditionTimeoutException e) {
                return false;
              }
            });
    Assumptions.assumeTrue(
        scraped,
        "Prometheus has no series from both jobs shop and billing yet (see check targets-up)");
    return api;
  }

  private static void assertNone(List<Problem> problems) {
    var feedback = new Feedback();
    problems.forEach(feedback::add);
    feedback.assertNone();
  }
}
