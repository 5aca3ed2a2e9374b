package dev.labkit.labs.prometheusscrape;

import static org.assertj.core.api.Assertions.assertThat;

import dev.labkit.harness.docker.OneShot;
import dev.labkit.harness.prometheus.RuleGroup;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorRateThresholdTest {

  @Test
  void theUnitTestNamesTheLearnersFilesAndLooksAfterTheRulesFor() {
    var file =
        ErrorRateThreshold.unitTest(
            ErrorRateThreshold.JUST_OVER, List.of("shop.yml", "alerts.yaml"), 10);
    assertThat(file)
        .as("promtool unit-test file")
        .contains(
            """
            rule_files:
              - /etc/prometheus/rules/shop.yml
              - /etc/prometheus/rules/alerts.yaml
            evaluation_interval: 5s
            """)
        .contains("values: '0+949x26'", "values: '0+51x26'", "eval_time: 70s")
        .contains("exp_samples: [{labels: '{alertstate=\"firing\"}', value: 1}]");
    assertThat(ErrorRateThreshold.unitTest(ErrorRateThreshold.JUST_UNDER, List.of("a.yml"), 0))
        .as("quiet side")
        .contains("'0+951x", "'0+49x", "expr: 'ALERTS{alertname=\"HighErrorRate\"}'")
        .contains("exp_samples: []");
  }

  @Test
  void aThresholdBelowFivePercentFiresOnTheQuietSide() {
    var output =
        """
        Unit Testing:  /etc/prometheus/kit-tests/rules-test.yml
          FAILED:
            expr: "ALERTS{alertname=\\"HighErrorRate\\"}", time: 1m10s,
                exp: nil
                got: {__name__="ALERTS", alertname="HighErrorRate", alertstate="firing", severity="warning"} 1E+00
        """;
    var problem =
        ErrorRateThreshold.judge(
                ErrorRateThreshold.JUST_UNDER, new OneShot.Result(false, output), 10)
            .orElseThrow();
    assertThat(problem.describe())
        .as("feedback")
        .contains("HighErrorRate went firing with only 4.9% failing")
        .contains(
            "inactive after 70 s of http_requests_total{job=\"shop\",status=\"500\"} rising by 49")
        .contains("0.05");
  }

  @Test
  void aThresholdAboveFivePercentStaysQuietOnTheFiringSide() {
    var output =
        """
        Unit Testing:  /etc/prometheus/kit-tests/rules-test.yml
          FAILED:
            expr: "group by (alertstate) (ALERTS{alertname=\\"HighErrorRate\\"})", time: 1m10s,
                exp: {alertstate="firing"} 1E+00
                got: nil
        """;
    var problem =
        ErrorRateThreshold.judge(
                ErrorRateThreshold.JUST_OVER, new OneShot.Result(false, output), 10)
            .orElseThrow();
    assertThat(problem.describe())
        .as("feedback")
        .contains("HighErrorRate did not fire with 5.1% failing")
        .contains("firing after 70 s")
        .contains("inactive (promtool test rules)");
  }

  @Test
  void aPendingAlertIsNamedAsPending() {
    var output = "  FAILED:\n    got: {alertstate=\"pending\"} 1E+00\n";
    var problem =
        ErrorRateThreshold.judge(ErrorRateThreshold.JUST_OVER, new OneShot.Result(false, output), 0)
            .orElseThrow();
    assertThat(problem.describe()).as("feedback").contains("pending (promtool test rules)");
  }

  @Test
  void promtoolRefusingToEvaluateShowsItsOwnWords() {
    var output =
        "Unit Testing:  x\n  FAILED:\n/etc/prometheus/rules/shop.yml: 3:7: group \"shop\", rule 2: could not parse expression\n";
    var problem =
        ErrorRateThreshold.judge(
                ErrorRateThreshold.JUST_UNDER, new OneShot.Result(false, output), 0)
            .orElseThrow();
    assertThat(problem.describe())
        .as("feedback")
        .contains("could not evaluate")
        .contains("rules/shop.yml: 3:7");
  }

  @Test
  void onlyTheRuleFilesPrometheusLoadedAreTested() {
    var groups =
        List.of(
            new RuleGroup("shop", "/etc/prometheus/rules/shop.yml", List.of(), null),
            new RuleGroup("more", "/etc/prometheus/rules/shop.yml", List.of(), null));
    assertThat(
            ErrorRateThreshold.loaded(
                Map.of("shop.yml", "groups: []", "old.yaml", "groups: []"), groups))
        .containsOnlyKeys("shop.yml");
  }

  @Test
  void aPassingTestIsNoProblem() {
    assertThat(
            ErrorRateThreshold.judge(
                ErrorRateThreshold.JUST_UNDER, new OneShot.Result(true, "SUCCESS"), 0))
        .isEmpty();
  }
}
