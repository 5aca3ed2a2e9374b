package dev.labkit.labs.prometheusscrape;

import static org.awaitility.Awaitility.await;

import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.prometheus.Alert;
import dev.labkit.harness.prometheus.PrometheusApi;
import dev.labkit.harness.prometheus.Rule;
import dev.labkit.harness.prometheus.RuleGroup;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The learner's alerting rules as Prometheus evaluates them: finding a rule, an alert's state, and
 * no-false-alarms (nothing pending or firing while everything is healthy).
 */
final class AlertRules {

  static final String RULES = "rules/";

  /** How long an alert may take to fire: a few evaluations plus its for: and some slack. */
  static final Duration FIRING_LIMIT = Duration.ofSeconds(75);

  private AlertRules() {}

  static Optional<Rule> rule(List<Rule> rules, String type, String name) {
    return rules.stream().filter(rule -> rule.is(type, name)).findFirst();
  }

  static Optional<Rule> alerting(List<Rule> rules, String name) {
    return rule(rules, Rule.ALERTING, name);
  }

  /** The alert's state: pending or firing, "inactive" when Prometheus lists no such alert. */
  static String stateOf(List<Alert> alerts, String name) {
    return alerts.stream()
        .filter(alert -> name.equals(alert.name()))
        .map(alert -> String.valueOf(alert.state()))
        .findFirst()
        .orElse("inactive");
  }

  static boolean isFiring(List<Alert> alerts, String name) {
    return alerts.stream().anyMatch(alert -> name.equals(alert.name()) && alert.isFiring());
  }

  static Optional<Problem> severity(Rule rule, String expected) {
    var severity = rule.labels().get("severity");
    if (expected.equals(severity)) {
      return Optional.empty();
    }
    return Optional.of(
        Problem.in(RULES, rule.name() + " must have severity=\"" + expected + "\"")
            .expected("severity: " + expected)
            .actual("severity: " + severity));
  }

  /** no-false-alarms, once the rules have had two evaluations with everything healthy. */
  static List<Problem> noFalseAlarms(PrometheusApi api) {
    waitForTwoEvaluations(api);
    return noFalseAlarms(api.alerts());
  }

  static List<Problem> noFalseAlarms(List<Alert> active) {
    if (active.isEmpty()) {
      return List.of();
    }
    return List.of(
        Problem.in(RULES, "alerts are active while every service is healthy")
            .expected("no pending or firing alert")
            .actual(describe(active))
            .hint(
                "Run each alert's expression against the healthy system (promtool query instant, or Prometheus's /api/v1/query, in the README's by-hand stack): it must return nothing."));
  }

  static String describe(List<Alert> alerts) {
    return alerts.stream()
        .map(alert -> alert.name() + " (" + alert.state() + ")")
        .toList()
        .toString();
  }

  /**
   * Until every group was evaluated more than 4 s after the latest evaluation seen now: two
   * evaluations at the 5 s interval. Slower evaluation is the intervals check's business; then what
   * is there is judged.
   */
  private static void waitForTwoEvaluations(PrometheusApi api) {
    var first = lastEvaluations(api.ruleGroups());
    try {
      await("two rule evaluations")
          .atMost(Duration.ofSeconds(40))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> evaluatedSince(first, lastEvaluations(api.ruleGroups())));
    } catch (ConditionTimeoutException e) {
      // evaluation slower than every 5 s: the intervals check says so; judge what is there
    }
  }

  static boolean evaluatedSince(List<Instant> first, List<Instant> now) {
    if (first.isEmpty()) {
      return true;
    }
    var latest = first.stream().max(Instant::compareTo).orElseThrow().plusSeconds(4);
    return now.stream().allMatch(at -> at.isAfter(latest));
  }

  static List<Instant> lastEvaluations(List<RuleGroup> groups) {
    return groups.stream().flatMap(group -> group.lastEvaluated().stream()).toList();
  }
}
