package dev.labkit.labs.prometheusscrape;

import static org.awaitility.Awaitility.await;

import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.prometheus.PrometheusApi;
import dev.labkit.harness.prometheus.Rule;
import dev.labkit.harness.prometheus.Sample;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.awaitility.core.ConditionTimeoutException;

/**
 * recording-rule: job:http_requests:rate1m exists, rises above 0 for the shop (which gets orders
 * all the time), and is one series per job.
 */
final class RateRecording {

  static final String RULES = AlertRules.RULES;
  static final String SERIES = "job:http_requests:rate1m";
  static final String SHOP_SERIES = SERIES + "{job=\"shop\"}";
  static final Duration RATE_LIMIT = Duration.ofSeconds(45);

  private RateRecording() {}

  static List<Problem> judge(PrometheusApi api) {
    var missing = missingRule(api.rules());
    if (missing.isPresent()) {
      return List.of(missing.get());
    }
    var problems = new ArrayList<Problem>();
    try {
      await(SHOP_SERIES + " above 0")
          .atMost(RATE_LIMIT)
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> shopRate(api.query(SHOP_SERIES)).filter(rate -> rate > 0).isPresent());
    } catch (ConditionTimeoutException e) {
      problems.add(noShopRate(api.query(SERIES)));
    }
    perJob(api.query(SERIES)).ifPresent(problems::add);
    return problems;
  }

  static Optional<Problem> missingRule(List<Rule> rules) {
    if (AlertRules.rule(rules, Rule.RECORDING, SERIES).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(
        Problem.in(RULES, "there is no recording rule " + SERIES)
            .hint(
                "A recording rule (record: and expr: in a rule group) stores a query's result as a new series;"
                    + " this one is the per-second request rate over 1m, rate(), summed by job.")
            .example(
                "- record: job:http_requests:rate1m\n              expr: sum by (job) (rate(http_requests_total[1m]))"));
  }

  /** The value of the first series of the answer. */
  static Optional<Double> shopRate(List<Sample> answer) {
    return answer.stream().findFirst().map(Sample::number);
  }

  static Problem noShopRate(List<Sample> recorded) {
    return Problem.in(
            RULES,
            SERIES + " has no value above 0 for the shop, though the shop gets orders every second")
        .expected(SHOP_SERIES + " > 0")
        .actual(describe(recorded))
        .hint(
            "The rate of the counter http_requests_total over 1m, summed by job: sum by (job) (rate(http_requests_total[1m])).");
  }

  /** Labels besides job (sorted) mean the rule did not aggregate by job. */
  static Optional<Problem> perJob(List<Sample> recorded) {
    var extraLabels = new TreeSet<String>();
    recorded.forEach(
        series ->
            series.metric().names().stream()
                .filter(label -> !label.equals("__name__") && !label.equals("job"))
                .forEach(extraLabels::add));
    if (extraLabels.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        Problem.in(RULES, SERIES + " must be one series per job")
            .expected("only the label job")
            .actual("also " + extraLabels)
            .hint("Aggregate with sum by (job) (...), which drops every other label."));
  }

  static String describe(List<Sample> recorded) {
    return recorded.isEmpty()
        ? "no series"
        : recorded.stream()
            .map(series -> series.metric() + " = " + series.value())
            .toList()
            .toString();
  }
}
