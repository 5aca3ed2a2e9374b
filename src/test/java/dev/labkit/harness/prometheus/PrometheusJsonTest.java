package dev.labkit.harness.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Prometheus's answers read into records; recorded answers are in the lab's tests. */
class PrometheusJsonTest {

  @Test
  void aSampleKeepsItsLabelsInTheAnswersOrderAndItsValueAsText() {
    var samples =
        PrometheusJson.samples(
            """
            {"status":"success","data":{"resultType":"vector","result":[
              {"metric":{"__name__":"x","zeta":"1","job":"shop","alpha":"2"},"value":[1796169668.785,"NaN"]}]}}
            """);

    assertThat(samples)
        .singleElement()
        .satisfies(
            sample -> {
              assertThat(sample.metric().toString())
                  .isEqualTo("{__name__=x, zeta=1, job=shop, alpha=2}");
              assertThat(sample.value()).isEqualTo("NaN");
              assertThat(sample.number()).isNaN();
            });
  }

  @Test
  void aRecordingRuleHasNoForAndNoLabels() {
    var groups =
        PrometheusJson.ruleGroups(
            """
            {"status":"success","data":{"groups":[{"name":"g","file":"f.yml","rules":[
              {"name":"job:x:rate1m","query":"sum(x)","type":"recording"}],
              "lastEvaluation":"0001-01-01T00:00:00Z"}]}}
            """);

    assertThat(groups)
        .singleElement()
        .satisfies(
            group -> {
              assertThat(group.lastEvaluated()).as("not evaluated yet").isEmpty();
              var rule = group.rules().get(0);
              assertThat(rule.duration()).isZero();
              assertThat(rule.labels().get("severity")).isNull();
              assertThat(rule.is(Rule.RECORDING, "job:x:rate1m")).isTrue();
            });
  }

  @Test
  void missingListsAreEmptyAndNoJsonIsAnError() {
    assertThat(PrometheusJson.alerts("{\"status\":\"success\",\"data\":{}}")).isEmpty();
    assertThatThrownBy(() -> PrometheusJson.activeTargets("<html>busy</html>"))
        .isInstanceOf(UncheckedIOException.class);
  }

  @Test
  void labelsAreWrittenAsAPlainObject() throws Exception {
    var alert = new AlertmanagerApi.Alert(Labels.of(Map.of("alertname", "X")), Labels.NONE);

    assertThat(PrometheusJson.JSON.writeValueAsString(alert))
        .isEqualTo("{\"labels\":{\"alertname\":\"X\"},\"annotations\":{}}");
  }
}
