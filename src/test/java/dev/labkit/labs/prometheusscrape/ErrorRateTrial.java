package dev.labkit.labs.prometheusscrape;

import static dev.labkit.labs.prometheusscrape.AlertRules.FIRING_LIMIT;
import static dev.labkit.labs.prometheusscrape.AlertRules.RULES;
import static org.awaitility.Awaitility.await;

import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.prometheus.PrometheusApi;
import dev.labkit.harness.prometheus.Rule;
import dev.labkit.harness.run.Console;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.core.ConditionTimeoutException;

/**
 * high-error-rate: HighErrorRate is a warning, stays quiet while 3% of the shop's requests fail
 * (below the 5% threshold) and fires while half of them fail. The shop's traffic goes back to
 * healthy afterwards, whatever happened.
 */
final class ErrorRateTrial {

  static final String ALERT = "HighErrorRate";

  private ErrorRateTrial() {}

  static List<Problem> run(Console console, PrometheusApi api, ShopTraffic traffic) {
    var rule = AlertRules.alerting(api.rules(), ALERT);
    if (rule.isEmpty()) {
      return List.of(missing());
    }
    var problems = new ArrayList<Problem>(ruleProblems(rule.get()));
    // Below the threshold first: 3% failures must not even make it pending.
    traffic.failPercent(3);
    try {
      console.step(
          "sending 3% failing requests: HighErrorRate must stay quiet (15 s)",
          () ->
              await("HighErrorRate quiet at 3% failures")
                  .during(Duration.ofSeconds(15))
                  .atMost(Duration.ofSeconds(20))
                  .pollInterval(Duration.ofSeconds(1))
                  .until(() -> AlertRules.stateOf(api.alerts(), ALERT).equals("inactive")));
    } catch (ConditionTimeoutException e) {
      problems.add(notQuiet(AlertRules.stateOf(api.alerts(), ALERT)));
    }
    traffic.failPercent(50);
    try {
      console.step(
          "sending 50% failing requests until HighErrorRate fires (at most "
              + FIRING_LIMIT.toSeconds()
              + " s)",
          () ->
              await("HighErrorRate firing")
                  .atMost(FIRING_LIMIT)
                  .pollInterval(Duration.ofSeconds(1))
                  .until(() -> AlertRules.isFiring(api.alerts(), ALERT)));
    } catch (ConditionTimeoutException e) {
      problems.add(notFiring(AlertRules.stateOf(api.alerts(), ALERT)));
    } finally {
      traffic.failPercent(0);
    }
    return problems;
  }

  static Problem missing() {
    return Problem.in(RULES, "there is no alert HighErrorRate")
        .hint(
            "- alert: HighErrorRate with an expression comparing the 5xx rate to the total rate of the shop over [1m] with > 0.05");
  }

  /** What the rule says before any traffic fails: it is a warning. */
  static List<Problem> ruleProblems(Rule rule) {
    return AlertRules.severity(rule, "warning").stream().toList();
  }

  static Problem notQuiet(String state) {
    return Problem.in(RULES, "HighErrorRate went " + state + " while only 3% of requests failed")
        .expected("inactive below 5% failures")
        .actual("state " + state)
        .hint("Compare the share of 5xx requests with 0.05 (5%), not with 0.");
  }

  static Problem notFiring(String state) {
    return Problem.in(RULES, "HighErrorRate did not fire while half of the shop's requests failed")
        .expected("state firing within " + FIRING_LIMIT.toSeconds() + " s")
        .actual(state)
        .hint(
            "Divide the rate of 5xx requests by the rate of all requests of the shop over 1m and compare with 0.05; status is the label with the code.");
  }
}
