package dev.labkit.labs.prometheusscrape;

import static dev.labkit.labs.prometheusscrape.RecordedPrometheus.alerts;
import static dev.labkit.labs.prometheusscrape.RecordedPrometheus.rule;
import static dev.labkit.labs.prometheusscrape.RecordedPrometheus.ruleGroups;
import static dev.labkit.labs.prometheusscrape.RecordedPrometheus.rules;
import static org.assertj.core.api.Assertions.assertThat;

import dev.labkit.harness.prometheus.Rule;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertRulesTest {

  @Test
  void rulesAreFoundByTypeAndName() {
    var rules = rules("rules-solution.json");

    assertThat(AlertRules.alerting(rules, "ShopDown")).isPresent();
    assertThat(AlertRules.alerting(rules, "job:http_requests:rate1m")).isEmpty();
    assertThat(AlertRules.rule(rules, Rule.RECORDING, "job:http_requests:rate1m")).isPresent();
  }

  @Test
  void theHealthySolutionRaisesNoAlarm() {
    assertThat(AlertRules.noFalseAlarms(alerts("alerts-none.json"))).isEmpty();
  }

  @Test
  void alertsOnHealthyTargetsAreListedWithTheirState() {
    assertThat(AlertRules.noFalseAlarms(alerts("alerts-alert-on-healthy-targets.json")))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message()).isEqualTo("alerts are active while every service is healthy");
              assertThat(p.actual()).isEqualTo("[TargetDown (firing), TargetDown (firing)]");
            });
  }

  @Test
  void anAlertPrometheusDoesNotListIsInactive() {
    var alerts = alerts("alerts-high-error-rate.json");

    assertThat(AlertRules.stateOf(alerts, "HighErrorRate")).isEqualTo("firing");
    assertThat(AlertRules.isFiring(alerts, "HighErrorRate")).isTrue();
    assertThat(AlertRules.stateOf(alerts, "ShopDown")).isEqualTo("inactive");
    assertThat(AlertRules.isFiring(alerts, "ShopDown")).isFalse();
  }

  @Test
  void aWrongSeverityShowsBoth() {
    var shopDown = rule("rules-solution.json", "ShopDown");

    assertThat(AlertRules.severity(shopDown, "critical")).isEmpty();
    assertThat(AlertRules.severity(shopDown, "warning"))
        .hasValueSatisfying(
            p -> {
              assertThat(p.message()).isEqualTo("ShopDown must have severity=\"warning\"");
              assertThat(p.expected()).isEqualTo("severity: warning");
              assertThat(p.actual()).isEqualTo("severity: critical");
            });
  }

  @Test
  void evaluationsAreReadFromEveryGroup() {
    var evaluations = AlertRules.lastEvaluations(ruleGroups("rules-solution.json"));

    assertThat(evaluations).containsExactly(Instant.parse("2026-12-02T00:01:04.639231534Z"));
    assertThat(AlertRules.evaluatedSince(evaluations, evaluations)).isFalse();
    assertThat(AlertRules.evaluatedSince(evaluations, List.of(evaluations.get(0).plusSeconds(5))))
        .isTrue();
    assertThat(AlertRules.evaluatedSince(List.of(), List.of())).isTrue();
  }
}
