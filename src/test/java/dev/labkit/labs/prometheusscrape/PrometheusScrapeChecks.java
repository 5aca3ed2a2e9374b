package dev.labkit.labs.prometheusscrape;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.labkit.harness.docker.DockerEngine;
import dev.labkit.harness.feedback.CheckFailure;
import dev.labkit.harness.feedback.Feedback;
import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.http.HttpSpecs;
import dev.labkit.harness.lab.Check;
import dev.labkit.harness.lab.Lab;
import dev.labkit.harness.prometheus.PromTools;
import dev.labkit.harness.prometheus.PrometheusApi;
import dev.labkit.harness.run.LabContext;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * Checks of the prometheus-scrape lab, against one shared {@link ObservabilityStack}. They run in
 * manifest order on purpose: healthy checks first, then the error-rate alert (failing traffic),
 * then the shop is stopped for ShopDown, whose notification the routing check follows.
 */
@Lab("prometheus-scrape")
class PrometheusScrapeChecks {

  static final String PROMETHEUS = LearnerFiles.PROMETHEUS;
  static final String RULES = "rules/";
  static final String ALERTMANAGER = LearnerFiles.ALERTMANAGER;
  static final Duration TARGETS_LIMIT = Duration.ofSeconds(30);
  static final Duration ALERT_LIMIT = Duration.ofSeconds(75);
  static final String BOTH_JOBS = "{job=~\"shop|billing\"}";
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private LabContext lab;

  @BeforeAll
  void open(LabContext lab) {
    this.lab = lab;
  }

  @Check("config-valid")
  void toolsAcceptTheConfiguration() {
    var feedback = new Feedback();
    var files = LearnerFiles.read(lab.workspace(), feedback);
    feedback.assertNone();
    validation(files.orElseThrow()).forEach(feedback::add);
    feedback.assertNone();
  }

  @Check("intervals")
  void scrapeAndEvaluateEveryFiveSeconds() throws IOException {
    var global = YAML.readTree(api().loadedConfig()).path("global");
    var feedback = new Feedback();
    for (var setting : List.of("scrape_interval", "evaluation_interval")) {
      var value = global.path(setting).asText();
      feedback.expect(
          value.equals("5s"),
          () ->
              Problem.in(PROMETHEUS, "global " + setting + " must be 5s")
                  .expected(setting + ": 5s")
                  .actual(setting + ": " + value + (value.equals("1m") ? " (the default)" : ""))
                  .hint("Set it under global: so every job and rule group inherits it."));
    }
    feedback.assertNone();
  }

  @Check("targets-up")
  void bothJobsScrapeTheirTargets() {
    var api = api();
    var expected =
        Map.of(
            "shop", "http://shop:8080/metrics", "billing", "http://billing:9100/internal/metrics");
    try {
      await("targets of jobs shop and billing up")
          .atMost(TARGETS_LIMIT)
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> targetProblems(api, expected).isEmpty());
    } catch (ConditionTimeoutException e) {
      var feedback = new Feedback();
      targetProblems(api, expected).forEach(feedback::add);
      feedback.assertNone();
    }
  }

  @Check("env-label")
  void everySeriesIsLabelled() {
    var api = scrapedApi();
    var feedback = new Feedback();
    // Recorded series (names with ':', by convention) are aggregates: sum by (job) rightly drops
    // env.
    var unlabelled =
        api.query("count by (job) ({job=~\"shop|billing\", env!=\"lab\", __name__!~\".*:.*\"})");
    feedback.expect(
        unlabelled.isEmpty(),
        () ->
            Problem.in(PROMETHEUS, "some series of the shop or billing job lack env=\"lab\"")
                .expected("env=\"lab\" on every series of both jobs")
                .actual("series without it, per job: " + countsByJob(unlabelled))
                .hint(
                    "Add labels: {env: lab} next to the targets in static_configs of both jobs (or a relabel_configs rule with target_label: env)."));
    feedback.assertNone();
  }

  @Check("no-debug-series")
  void debugSeriesAreDropped() {
    var api = scrapedApi();
    var stored = api.query("count by (job, __name__) ({__name__=~\"debug_.*\"})");
    var feedback = new Feedback();
    feedback.expect(
        stored.isEmpty(),
        () ->
            Problem.in(PROMETHEUS, "debug_* series are stored")
                .expected("no series whose name starts with debug_")
                .actual(names(stored))
                .hint(
                    "metric_relabel_configs (not relabel_configs: those act on targets) with source_labels: [__name__], regex: \"debug_.*\", action: drop."));
    feedback.assertNone();
  }

  @Check("recording-rule")
  void requestRateIsRecordedPerJob() {
    var api = scrapedApi();
    var feedback = new Feedback();
    var rule = rule(api, "recording", "job:http_requests:rate1m");
    if (rule.isEmpty()) {
      feedback.add(
          Problem.in(RULES, "there is no recording rule job:http_requests:rate1m")
              .hint(
                  "- record: job:http_requests:rate1m\n              expr: sum by (job) (rate(http_requests_total[1m]))"));
      feedback.assertNone();
    }
    try {
      await("job:http_requests:rate1m{job=\"shop\"} above 0")
          .atMost(Duration.ofSeconds(45))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () ->
                  value(api.query("job:http_requests:rate1m{job=\"shop\"}"))
                      .filter(rate -> rate > 0)
                      .isPresent());
    } catch (ConditionTimeoutException e) {
      feedback.add(
          Problem.in(
                  RULES,
                  "job:http_requests:rate1m has no value above 0 for the shop, though the shop gets orders every second")
              .expected("job:http_requests:rate1m{job=\"shop\"} > 0")
              .actual(describe(api.query("job:http_requests:rate1m")))
              .hint(
                  "The rate of the counter http_requests_total over 1m, summed by job: sum by (job) (rate(http_requests_total[1m]))."));
    }
    var extraLabels = new TreeSet<String>();
    api.query("job:http_requests:rate1m")
        .forEach(
            series ->
                labels(series).keySet().stream()
                    .filter(label -> !label.equals("__name__") && !label.equals("job"))
                    .forEach(extraLabels::add));
    feedback.expect(
        extraLabels.isEmpty(),
        () ->
            Problem.in(RULES, "job:http_requests:rate1m must be one series per job")
                .expected("only the label job")
                .actual("also " + extraLabels)
                .hint("Aggregate with sum by (job) (...), which drops every other label."));
    feedback.assertNone();
  }

  @Check("no-false-alarms")
  void healthySystemRaisesNoAlert() {
    var api = scrapedApi();
    waitForTwoEvaluations(api);
    var active = api.alerts();
    var feedback = new Feedback();
    feedback.expect(
        active.isEmpty(),
        () ->
            Problem.in(RULES, "alerts are active while every service is healthy")
                .expected("no pending or firing alert")
                .actual(describeAlerts(active))
                .hint(
                    "Check each alert's expression against the healthy system in Prometheus's graph page: it must return nothing."));
    feedback.assertNone();
  }

  @Check("high-error-rate")
  void highErrorRateFiresOnFailures() {
    var api = scrapedApi();
    var feedback = new Feedback();
    var rule = rule(api, "alerting", "HighErrorRate");
    if (rule.isEmpty()) {
      throw failure(
          Problem.in(RULES, "there is no alert HighErrorRate")
              .hint(
                  "- alert: HighErrorRate with an expression comparing the 5xx rate to the total rate of the shop over [1m] with > 0.05"));
    }
    var severity = ruleLabel(rule.get(), "severity");
    feedback.expect(
        "warning".equals(severity),
        () ->
            Problem.in(RULES, "HighErrorRate must have severity=\"warning\"")
                .expected("severity: warning")
                .actual("severity: " + severity));
    var stack = stack();
    // Below the threshold first: 3% failures must not even make it pending.
    stack.traffic.failPercent(3);
    try {
      lab.console()
          .step(
              "sending 3% failing requests: HighErrorRate must stay quiet (15 s)",
              () ->
                  await("HighErrorRate quiet at 3% failures")
                      .during(Duration.ofSeconds(15))
                      .atMost(Duration.ofSeconds(20))
                      .pollInterval(Duration.ofSeconds(1))
                      .until(() -> stateOf(api, "HighErrorRate").equals("inactive")));
    } catch (ConditionTimeoutException e) {
      feedback.add(
          Problem.in(
                  RULES,
                  "HighErrorRate went "
                      + stateOf(api, "HighErrorRate")
                      + " while only 3% of requests failed")
              .expected("inactive below 5% failures")
              .actual("state " + stateOf(api, "HighErrorRate"))
              .hint("Compare the share of 5xx requests with 0.05 (5%), not with 0."));
    }
    stack.traffic.failPercent(50);
    try {
      lab.console()
          .step(
              "sending 50% failing requests until HighErrorRate fires (at most "
                  + ALERT_LIMIT.toSeconds()
                  + " s)",
              () ->
                  await("HighErrorRate firing")
                      .atMost(ALERT_LIMIT)
                      .pollInterval(Duration.ofSeconds(1))
                      .until(() -> isFiring(api, "HighErrorRate")));
    } catch (ConditionTimeoutException e) {
      feedback.add(
          Problem.in(RULES, "HighErrorRate did not fire while half of the shop's requests failed")
              .expected("state firing within " + ALERT_LIMIT.toSeconds() + " s")
              .actual(stateOf(api, "HighErrorRate"))
              .hint(
                  "Divide the rate of 5xx requests by the rate of all requests of the shop over 1m and compare with 0.05; status is the label with the code."));
    } finally {
      stack.traffic.failPercent(0);
    }
    feedback.assertNone();
  }

  @Check("shop-down")
  void shopDownFiresAfterTenSeconds() {
    var api = scrapedApi();
    var feedback = new Feedback();
    var rule = rule(api, "alerting", "ShopDown");
    if (rule.isEmpty()) {
      throw failure(
          Problem.in(RULES, "there is no alert ShopDown")
              .hint(
                  "- alert: ShopDown, expr: up{job=\"shop\"} == 0, for: 10s, labels: {severity: critical}, annotations: {summary: ...}"));
    }
    var severity = ruleLabel(rule.get(), "severity");
    feedback.expect(
        "critical".equals(severity),
        () ->
            Problem.in(RULES, "ShopDown must have severity=\"critical\"")
                .expected("severity: critical")
                .actual("severity: " + severity));
    var summary = annotation(rule.get(), "summary");
    feedback.expect(
        summary != null && !summary.isBlank(),
        () ->
            Problem.in(
                    RULES,
                    "ShopDown needs a summary annotation, the line a person on call reads first")
                .expected("annotations: {summary: ...}"));
    var holdFor =
        ((Number) Objects.requireNonNullElse(rule.get().get("duration"), 0)).doubleValue();
    feedback.expect(
        holdFor >= 10,
        () ->
            Problem.in(RULES, "ShopDown must wait until the shop has been down for 10 s")
                .expected("for: 10s (or longer)")
                .actual(
                    holdFor == 0
                        ? "no for:, so one failed scrape alerts at once"
                        : "for: " + (int) holdFor + "s")
                .hint(
                    "A single missed scrape is not an outage: for: 10s keeps the alert pending first."));
    feedback.expect(
        !isFiring(api, "ShopDown"),
        () ->
            Problem.in(RULES, "ShopDown fires while the shop is up")
                .actual(stateOf(api, "ShopDown")));
    var stack = stack();
    lab.console().step("stopping the shop", stack.shop::stop);
    try {
      lab.console()
          .step(
              "waiting for ShopDown to fire (at most " + ALERT_LIMIT.toSeconds() + " s)",
              () ->
                  await("ShopDown firing")
                      .atMost(ALERT_LIMIT)
                      .pollInterval(Duration.ofSeconds(1))
                      .until(() -> isFiring(api, "ShopDown")));
      stack.shopDownFired = true;
    } catch (ConditionTimeoutException e) {
      feedback.add(
          Problem.in(RULES, "ShopDown did not fire after the shop stopped")
              .expected("state firing within " + ALERT_LIMIT.toSeconds() + " s")
              .actual(stateOf(api, "ShopDown"))
              .hint(
                  "When a scrape fails, up{job=\"shop\"} becomes 0: that is the expression to alert on."));
    }
    feedback.assertNone();
  }

  @Check("alert-routing")
  void criticalAlertsReachTheWebhook() {
    var stack = stack();
    Assumptions.assumeTrue(
        stack.shopDownFired,
        "ShopDown never fired, so there is nothing to route (see check shop-down)");
    var hooks = HttpSpecs.http(stack.hooks.mappedPort());
    var feedback = new Feedback();
    try {
      lab.console()
          .step(
              "waiting for the webhook to receive ShopDown (at most "
                  + ALERT_LIMIT.toSeconds()
                  + " s)",
              () ->
                  await("webhook notified of ShopDown")
                      .atMost(ALERT_LIMIT)
                      .pollInterval(Duration.ofSeconds(1))
                      .until(
                          () ->
                              receivedAlertNames(hooks.get("/received").asString())
                                  .contains("ShopDown")));
    } catch (ConditionTimeoutException e) {
      feedback.add(
          Problem.in(
                  ALERTMANAGER,
                  "the webhook http://hooks:8080/alert never heard of ShopDown, which is firing in Prometheus")
              .expected("a notification naming ShopDown")
              .actual("received: " + receivedAlertNames(hooks.get("/received").asString()))
              .hint(
                  "Prometheus needs alerting: alertmanagers: [static_configs: [targets: [alertmanager:9093]]] in prometheus.yml, "
                      + "and alertmanager.yml a route with matchers: ['severity=\"critical\"'] to a receiver with webhook_configs: [url: http://hooks:8080/alert]."));
    }
    var warnings = new TreeSet<>(receivedAlertNames(hooks.get("/received").asString()));
    warnings.retainAll(Set.of(ObservabilityStack.PROBE_WARNING, "HighErrorRate"));
    feedback.expect(
        warnings.isEmpty(),
        () ->
            Problem.in(ALERTMANAGER, "warnings reach the on-call webhook too")
                .expected("only critical alerts at http://hooks:8080/alert")
                .actual("it also received " + warnings)
                .hint(
                    "Route only severity=\"critical\" to the webhook receiver; let the top-level route's receiver (the default) take the rest."));
    feedback.assertNone();
  }

  // ---- shared steps ---------------------------------------------------------------------------

  private List<Problem> validation(LearnerFiles files) {
    return lab.once(
        "validation",
        () ->
            lab.console()
                .step(
                    "promtool and amtool",
                    () -> {
                      DockerEngine.requireEngine(
                          "This lab runs Prometheus itself; it has no Docker-free mode.");
                      DockerEngine.requireImage(lab.images().image("prometheus"));
                      DockerEngine.requireImage(lab.images().image("alertmanager"));
                      var problems =
                          new ArrayList<Problem>(
                              PromTools.checkPrometheus(
                                  lab.images().image("prometheus"),
                                  files.prometheus(),
                                  files.rules()));
                      problems.addAll(
                          PromTools.checkAlertmanager(
                              lab.images().image("alertmanager"), files.alertmanager()));
                      return List.copyOf(problems);
                    }));
  }

  private ObservabilityStack stack() {
    var files = LearnerFiles.read(lab.workspace(), new Feedback());
    Assumptions.assumeTrue(
        files.isPresent(), "the configuration files cannot be read (see check config-valid)");
    Assumptions.assumeTrue(
        validation(files.get()).isEmpty(),
        "promtool or amtool rejects the configuration (see check config-valid)");
    return lab.once("stack", () -> lab.closeAtEnd(ObservabilityStack.start(lab, files.get())));
  }

  private PrometheusApi api() {
    return stack().prometheus.api();
  }

  /** The API, once both jobs have delivered series; checks of series skip otherwise. */
  private PrometheusApi scrapedApi() {
    var api = api();
    boolean scraped =
        lab.once(
            "scraped",
            () -> {
              try {
                await("series of jobs shop and billing stored")
                    .atMost(TARGETS_LIMIT)
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

  private static List<Problem> targetProblems(PrometheusApi api, Map<String, String> expected) {
    var targets = api.activeTargets();
    var problems = new ArrayList<Problem>();
    expected.forEach(
        (job, url) -> {
          var ofJob =
              targets.stream().filter(target -> job.equals(labels(target).get("job"))).toList();
          var matching =
              ofJob.stream().filter(target -> url.equals(target.get("scrapeUrl"))).findFirst();
          if (ofJob.isEmpty()) {
            problems.add(
                Problem.in(PROMETHEUS, "there is no job \"" + job + "\"")
                    .expected("a scrape config with job_name: " + job + " for " + url));
          } else if (matching.isEmpty()) {
            problems.add(
                Problem.in(PROMETHEUS, "job " + job + " scrapes the wrong address")
                    .expected(url)
                    .actual(
                        ofJob.stream()
                            .map(target -> String.valueOf(target.get("scrapeUrl")))
                            .toList()
                            .toString())
                    .hint(
                        job.equals("billing")
                            ? "billing serves its metrics at /internal/metrics: set metrics_path."
                            : "targets: [\"shop:8080\"]; /metrics is the default path."));
          } else if (!"up".equals(matching.get().get("health"))) {
            problems.add(
                Problem.in(PROMETHEUS, "job " + job + "'s target is not up")
                    .expected("health up")
                    .actual(matching.get().get("health") + ": " + matching.get().get("lastError")));
          }
        });
    return problems;
  }

  private void waitForTwoEvaluations(PrometheusApi api) {
    var first = lastEvaluations(api);
    try {
      await("two rule evaluations")
          .atMost(Duration.ofSeconds(40))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () -> {
                var now = lastEvaluations(api);
                return first.isEmpty()
                    || now.stream()
                        .allMatch(
                            at ->
                                at.isAfter(
                                    first.stream()
                                        .max(Instant::compareTo)
                                        .orElseThrow()
                                        .plusSeconds(4)));
              });
    } catch (ConditionTimeoutException e) {
      // evaluation slower than every 5 s: the intervals check says so; judge what is there
    }
  }

  private static List<Instant> lastEvaluations(PrometheusApi api) {
    List<String> stamps = api.get("/api/v1/rules").getList("data.groups.lastEvaluation");
    return stamps.stream()
        .filter(Objects::nonNull)
        .map(Instant::parse)
        .filter(at -> at.getEpochSecond() > 0)
        .toList();
  }

  private static Optional<Map<String, Object>> rule(PrometheusApi api, String type, String name) {
    return api.rules().stream()
        .filter(rule -> type.equals(rule.get("type")) && name.equals(rule.get("name")))
        .findFirst();
  }

  private static boolean isFiring(PrometheusApi api, String alertName) {
    return api.alerts().stream()
        .anyMatch(
            alert ->
                alertName.equals(labels(alert).get("alertname"))
                    && "firing".equals(alert.get("state")));
  }

  private static String stateOf(PrometheusApi api, String alertName) {
    return api.alerts().stream()
        .filter(alert -> alertName.equals(labels(alert).get("alertname")))
        .map(alert -> String.valueOf(alert.get("state")))
        .findFirst()
        .orElse("inactive");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> labels(Map<String, Object> item) {
    return (Map<String, String>)
        item.getOrDefault(item.containsKey("metric") ? "metric" : "labels", Map.of());
  }

  @SuppressWarnings("unchecked")
  private static String ruleLabel(Map<String, Object> rule, String label) {
    return ((Map<String, String>) rule.getOrDefault("labels", Map.of())).get(label);
  }

  @SuppressWarnings("unchecked")
  private static String annotation(Map<String, Object> rule, String name) {
    return ((Map<String, String>) rule.getOrDefault("annotations", Map.of())).get(name);
  }

  private static Optional<Double> value(List<Map<String, Object>> result) {
    return result.stream()
        .findFirst()
        .map(series -> Double.parseDouble(String.valueOf(((List<?>) series.get("value")).get(1))));
  }

  private static String countsByJob(List<Map<String, Object>> result) {
    return result.stream()
        .map(series -> labels(series).get("job") + ": " + ((List<?>) series.get("value")).get(1))
        .toList()
        .toString();
  }

  private static String names(List<Map<String, Object>> result) {
    return result.stream()
        .map(series -> labels(series).get("__name__") + " (job " + labels(series).get("job") + ")")
        .toList()
        .toString();
  }

  private static String describe(List<Map<String, Object>> result) {
    return result.isEmpty()
        ? "no series"
        : result.stream()
            .map(series -> labels(series) + " = " + ((List<?>) series.get("value")).get(1))
            .toList()
            .toString();
  }

  private static String describeAlerts(List<Map<String, Object>> alerts) {
    return alerts.stream()
        .map(alert -> labels(alert).get("alertname") + " (" + alert.get("state") + ")")
        .toList()
        .toString();
  }

  /**
   * Alert names in everything the webhook received (Alertmanager's webhook JSON:
   * alerts[].labels.alertname).
   */
  private static List<String> receivedAlertNames(String receivedJson) {
    try {
      var names = new ArrayList<String>();
      new ObjectMapper()
          .readTree(receivedJson)
          .forEach(
              entry -> {
                var body = entry.has("body") ? entry.get("body") : entry;
                body.path("alerts")
                    .forEach(alert -> names.add(alert.path("labels").path("alertname").asText()));
              });
      return names;
    } catch (IOException e) {
      return List.of();
    }
  }

  private static CheckFailure failure(Problem problem) {
    return new CheckFailure(List.of(problem));
  }
}
