package dev.labkit.labs.prometheusscrape;

import static dev.labkit.labs.prometheusscrape.AlertRules.RULES;

import dev.labkit.harness.docker.OneShot;
import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.prometheus.PromTools;
import dev.labkit.harness.prometheus.PrometheusContainer;
import dev.labkit.harness.prometheus.RuleGroup;
import dev.labkit.harness.run.LabContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The other half of high-error-rate: HighErrorRate's threshold is the README's 5%, on both sides.
 * The live trial only shows that 3% stays quiet and 50% fires, so any threshold in between would
 * pass it; here {@code promtool test rules} evaluates the learner's own rule files on shop series
 * the kit writes, 4.9% failing (must stay inactive) and 5.1% failing (must fire once its {@code
 * for:} has passed), exactly and without waiting.
 */
final class ErrorRateThreshold {

  /** Requests the shop counts per 5 s step of the written series; the failed ones are a share. */
  static final int REQUESTS_PER_STEP = 1000;

  static final int STEP_SECONDS = 5;

  /** One side of the threshold: how many of each step's requests fail, and whether it must fire. */
  record Side(int failedPerStep, boolean mustFire) {

    String percent() {
      return String.format(
          java.util.Locale.ROOT, "%.1f%%", 100.0 * failedPerStep / REQUESTS_PER_STEP);
    }

    String expr() {
      return mustFire
          ? "group by (alertstate) (ALERTS{alertname=\"" + ErrorRateTrial.ALERT + "\"})"
          : "ALERTS{alertname=\"" + ErrorRateTrial.ALERT + "\"}";
    }

    String series() {
      return "http_requests_total{job=\"shop\",status=\"500\"} rising by "
          + failedPerStep
          + " and {status=\"200\"} by "
          + (REQUESTS_PER_STEP - failedPerStep)
          + " every "
          + STEP_SECONDS
          + " s ("
          + percent()
          + " of requests failing)";
    }
  }

  static final Side JUST_UNDER = new Side(49, false);
  static final Side JUST_OVER = new Side(51, true);

  private static final Pattern STATE = Pattern.compile("alertstate=\"(\\w+)\"");

  private ErrorRateThreshold() {}

  static List<Problem> run(LabContext lab, Map<String, String> ruleFiles, double forSeconds) {
    var image = lab.images().image("prometheus");
    var problems = new ArrayList<Problem>();
    for (var side : List.of(JUST_UNDER, JUST_OVER)) {
      var result =
          lab.console()
              .step(
                  "promtool test rules: HighErrorRate with "
                      + side.percent()
                      + " of requests failing must "
                      + (side.mustFire() ? "fire" : "stay inactive"),
                  () ->
                      PromTools.testRules(
                          image, ruleFiles, unitTest(side, ruleFiles.keySet(), forSeconds)));
      judge(side, result, forSeconds).ifPresent(problems::add);
    }
    return problems;
  }

  /**
   * The rule files Prometheus loaded (its {@code rule_files} glob may leave some of the folder
   * out), so promtool judges the rules the server evaluates and nothing else; all of them when no
   * path matches.
   */
  static Map<String, String> loaded(Map<String, String> ruleFiles, List<RuleGroup> groups) {
    var paths = groups.stream().map(RuleGroup::file).collect(Collectors.toSet());
    var loaded = new TreeMap<String, String>();
    ruleFiles.forEach(
        (name, text) -> {
          if (paths.contains(PrometheusContainer.RULES_DIR + name)) {
            loaded.put(name, text);
          }
        });
    // Paths Prometheus names otherwise than expected: test every file rather than none.
    return loaded.isEmpty() ? ruleFiles : loaded;
  }

  /** When to look: the rate has a full minute of data and the rule's {@code for:} has passed. */
  static long evalSeconds(double forSeconds) {
    return (long) Math.ceil(forSeconds) + 60;
  }

  /**
   * The promtool unit-test file: the shop's series on one side of 5%, and what ALERTS must hold.
   */
  static String unitTest(Side side, Collection<String> ruleFiles, double forSeconds) {
    long eval = evalSeconds(forSeconds);
    long steps = eval / STEP_SECONDS + 12;
    var files = new StringBuilder();
    ruleFiles.forEach(
        name ->
            files.append("  - ").append(PrometheusContainer.RULES_DIR).append(name).append('\n'));
    var labels = "job=\"shop\",instance=\"shop:8080\",env=\"lab\",method=\"GET\"";
    var expected = side.mustFire() ? "[{labels: '{alertstate=\"firing\"}', value: 1}]" : "[]";
    return """
        rule_files:
        %s\
        evaluation_interval: %ds
        tests:
          - interval: %ds
            input_series:
              - series: 'http_requests_total{%s,path="/order",status="200"}'
                values: '0+%dx%d'
              - series: 'http_requests_total{%s,path="/fail",status="500"}'
                values: '0+%dx%d'
            promql_expr_test:
              - expr: '%s'
                eval_time: %ds
                exp_samples: %s
        """
        .formatted(
            files,
            STEP_SECONDS,
            STEP_SECONDS,
            labels,
            REQUESTS_PER_STEP - side.failedPerStep(),
            steps,
            labels,
            side.failedPerStep(),
            steps,
            side.expr(),
            eval,
            expected);
  }

  /** promtool's verdict on one side, in the lab's terms. */
  static Optional<Problem> judge(Side side, OneShot.Result result, double forSeconds) {
    if (result.succeeded()) {
      return Optional.empty();
    }
    var output = result.output();
    int got = output.indexOf("got:");
    if (got < 0) {
      // Not a failed expectation but promtool refusing to evaluate: show its own words.
      return Optional.of(
          Problem.in(RULES, "promtool test rules could not evaluate the rules")
              .actual(output.replace(PrometheusContainer.RULES_DIR, RULES).strip()));
    }
    var state = STATE.matcher(output.substring(got));
    var actual = state.find() ? state.group(1) : "inactive";
    var after = evalSeconds(forSeconds) + " s";
    if (side.mustFire()) {
      return Optional.of(
          Problem.in(RULES, "HighErrorRate did not fire with " + side.percent() + " failing")
              .expected("firing after " + after + " of " + side.series())
              .actual(actual + " (promtool test rules)")
              .hint(
                  "The README's threshold is more than 5%: divide the rate of the shop's requests"
                      + " with status=~\"5..\" by the rate of all its requests over 1m and compare"
                      + " with 0.05. A larger number, or a selector no failed request matches, keeps"
                      + " it quiet."));
    }
    return Optional.of(
        Problem.in(
                RULES, "HighErrorRate went " + actual + " with only " + side.percent() + " failing")
            .expected("inactive after " + after + " of " + side.series())
            .actual(actual + " (promtool test rules)")
            .hint(
                "The README's threshold is more than 5%: compare the share of 5xx requests with"
                    + " 0.05, so 4.9% stays quiet."));
  }
}
