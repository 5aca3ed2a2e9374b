package dev.labkit.labs.prometheusscrape;

import static dev.labkit.labs.prometheusscrape.RecordedPrometheus.rule;
import static org.assertj.core.api.Assertions.assertThat;

import dev.labkit.harness.prometheus.Labels;
import dev.labkit.harness.prometheus.Rule;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorRateTrialTest {

  @Test
  void theSolutionsRuleIsAWarning() {
    assertThat(ErrorRateTrial.ruleProblems(rule("rules-solution.json", "HighErrorRate"))).isEmpty();
  }

  @Test
  void aRuleWithoutSeverityIsNamed() {
    var solution = rule("rules-solution.json", "HighErrorRate");
    var unlabelled =
        new Rule(
            solution.type(),
            solution.name(),
            solution.query(),
            new Labels(Map.of()),
            solution.annotations(),
            solution.duration(),
            solution.state(),
            solution.health());

    assertThat(ErrorRateTrial.ruleProblems(unlabelled))
        .singleElement()
        .satisfies(p -> assertThat(p.actual()).isEqualTo("severity: null"));
  }

  @Test
  void theMessagesSayWhatTheAlertDid() {
    assertThat(ErrorRateTrial.missing().message()).isEqualTo("there is no alert HighErrorRate");
    var early = ErrorRateTrial.notQuiet("pending");
    assertThat(early.message())
        .isEqualTo("HighErrorRate went pending while only 3% of requests failed");
    assertThat(early.actual()).isEqualTo("state pending");
    var silent = ErrorRateTrial.notFiring("inactive");
    assertThat(silent.expected()).isEqualTo("state firing within 75 s");
    assertThat(silent.actual()).isEqualTo("inactive");
  }
}
