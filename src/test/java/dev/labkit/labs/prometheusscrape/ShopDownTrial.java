package dev.labkit.labs.prometheusscrape;

import static dev.labkit.labs.prometheusscrape.AlertRules.FIRING_LIMIT;
import static dev.labkit.labs.prometheusscrape.AlertRules.RULES;
import static org.awaitility.Awaitility.await;

import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.prometheus.Alert;
import dev.labkit.harness.prometheus.Rule;
import dev.labkit.harness.run.Console;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.awaitility.core.ConditionTimeoutException;

/**
 * shop-down: ShopDown is critical, has a summary and a for: of at least 10 s, is quiet while the
 * shop is up, and fires once the shop is stopped. Stopping the shop is for good: the checks after
 * this one see a stack without it.
 */
final class ShopDownTrial {

  static final String ALERT = "ShopDown";

  /**
   * The longest for: that still fires within {@link AlertRules#FIRING_LIMIT} with 5 s intervals: a
   * failed scrape (5 s), an evaluation (5 s), then for:, then the evaluation that fires it.
   */
  static final long LONGEST_FOR = 60;

  private ShopDownTrial() {}

  static List<Problem> run(Console console, ObservabilityStack stack) {
    var api = stack.prometheus.api();
    var rule = AlertRules.alerting(api.rules(), ALERT);
    if (rule.isEmpty()) {
      return List.of(missing());
    }
    var problems = new ArrayList<Problem>(ruleProblems(rule.get()));
    firesWhileUp(api.alerts()).ifPresent(problems::add);
    console.step("stopping the shop", stack.shop::stop);
    try {
      console.step(
          "waiting for ShopDown to fire (at most " + FIRING_LIMIT.toSeconds() + " s)",
          () ->
              await("ShopDown firing")
                  .atMost(FIRING_LIMIT)
                  .pollInterval(Duration.ofSeconds(1))
                  .until(() -> AlertRules.isFiring(api.alerts(), ALERT)));
      stack.shopDownFired = true;
    } catch (ConditionTimeoutException e) {
      problems.add(notFiring(AlertRules.stateOf(api.alerts(), ALERT), rule.get().duration()));
    }
    return problems;
  }

  static Problem missing() {
    return Problem.in(RULES, "there is no alert ShopDown")
        .hint(
            "An alerting rule (alert:, expr:, for:, labels:, annotations:) fires while its expression returns series;"
                + " the up series of the shop's job is 0 when its scrape fails.")
        .example(
            "- alert: ShopDown, expr: up{job=\"shop\"} == 0, for: 10s, labels: {severity: critical}, annotations: {summary: ...}");
  }

  /** What the rule says, before the shop is stopped: critical, a summary, for: 10s or longer. */
  static List<Problem> ruleProblems(Rule rule) {
    var problems = new ArrayList<Problem>();
    AlertRules.severity(rule, "critical").ifPresent(problems::add);
    var summary = rule.annotations().get("summary");
    if (summary == null || summary.isBlank()) {
      problems.add(
          Problem.in(
                  RULES,
                  "ShopDown needs a summary annotation, the line a person on call reads first")
              .expected("annotations: {summary: ...}"));
    }
    var holdFor = rule.duration();
    if (holdFor < 10) {
      problems.add(
          Problem.in(RULES, "ShopDown must wait until the shop has been down for 10 s")
              .expected("for: 10s (or longer)")
              .actual(
                  holdFor == 0
                      ? "no for:, so one failed scrape alerts at once"
                      : "for: " + (int) holdFor + "s")
              .hint(
                  "A single missed scrape is not an outage: for: 10s keeps the alert pending first."));
    }
    return problems;
  }

  static Optional<Problem> firesWhileUp(List<Alert> alerts) {
    if (!AlertRules.isFiring(alerts, ALERT)) {
      return Optional.empty();
    }
    return Optional.of(
        Problem.in(RULES, "ShopDown fires while the shop is up")
            .actual(AlertRules.stateOf(alerts, ALERT)));
  }

  static Problem notFiring(String state, double holdFor) {
    var problem =
        Problem.in(RULES, "ShopDown did not fire after the shop stopped")
            .expected("state firing within " + FIRING_LIMIT.toSeconds() + " s")
            .actual(state);
    if (holdFor > LONGEST_FOR) {
      return problem.hint(
          "ShopDown has for: "
              + (long) holdFor
              + "s, so it stays pending that long after the shop stops: no one hears of the outage in time."
              + " Keep for: at 1m or less (10s to 30s is usual): long enough to ride out one missed scrape.");
    }
    return problem.hint(
        "When a scrape fails, up{job=\"shop\"} becomes 0: that is the expression to alert on.");
  }
}
