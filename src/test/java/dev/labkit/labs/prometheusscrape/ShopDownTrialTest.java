package dev.labkit.labs.prometheusscrape;

import static dev.labkit.labs.prometheusscrape.RecordedPrometheus.alerts;
import static dev.labkit.labs.prometheusscrape.RecordedPrometheus.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.prometheus.Labels;
import dev.labkit.harness.prometheus.Rule;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShopDownTrialTest {

  @Test
  void theSolutionsRuleIsCriticalSummarisedAndWaits() {
    assertThat(ShopDownTrial.ruleProblems(rule("rules-solution.json", "ShopDown"))).isEmpty();
  }

  @Test
  void withoutForOneFailedScrapeAlerts() {
    assertThat(ShopDownTrial.ruleProblems(rule("rules-shop-down-without-for.json", "ShopDown")))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message())
                  .isEqualTo("ShopDown must wait until the shop has been down for 10 s");
              assertThat(p.actual()).isEqualTo("no for:, so one failed scrape alerts at once");
            });
  }

  @Test
  void aShortForAndAMissingSummaryAreNamed() {
    var solution = rule("rules-solution.json", "ShopDown");
    var hasty =
        new Rule(
            solution.type(),
            solution.name(),
            solution.query(),
            new Labels(Map.of("severity", "page")),
            Labels.NONE,
            5,
            solution.state(),
            solution.health());

    assertThat(ShopDownTrial.ruleProblems(hasty))
        .extracting(Problem::message, Problem::actual)
        .containsExactly(
            tuple("ShopDown must have severity=\"critical\"", "severity: page"),
            tuple(
                "ShopDown needs a summary annotation, the line a person on call reads first", null),
            tuple("ShopDown must wait until the shop has been down for 10 s", "for: 5s"));
  }

  @Test
  void firingWhileTheShopIsUpIsNamed() {
    assertThat(ShopDownTrial.firesWhileUp(alerts("alerts-none.json"))).isEmpty();
    assertThat(ShopDownTrial.firesWhileUp(alerts("alerts-shop-down.json")))
        .hasValueSatisfying(p -> assertThat(p.actual()).isEqualTo("firing"));
  }

  @Test
  void aForLongerThanTheBoundIsNamedInTheHint() {
    // mistakes/shop-down-for-two-minutes: pending when the 75 s are up.
    assertThat(ShopDownTrial.notFiring("pending", 120).hint())
        .startsWith("ShopDown has for: 120s, so it stays pending that long after the shop stops");
    assertThat(ShopDownTrial.notFiring("inactive", 10).hint())
        .isEqualTo(
            "When a scrape fails, up{job=\"shop\"} becomes 0: that is the expression to alert on.");
  }
}
