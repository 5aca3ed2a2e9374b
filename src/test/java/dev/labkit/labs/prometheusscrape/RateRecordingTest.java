package dev.labkit.labs.prometheusscrape;

import static dev.labkit.labs.prometheusscrape.RecordedPrometheus.rules;
import static dev.labkit.labs.prometheusscrape.RecordedPrometheus.samples;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RateRecordingTest {

  @Test
  void theSolutionHasTheRecordingRule() {
    assertThat(RateRecording.missingRule(rules("rules-solution.json"))).isEmpty();
  }

  @Test
  void aMissingRuleShowsTheRuleToWrite() {
    assertThat(RateRecording.missingRule(List.of()))
        .hasValueSatisfying(
            p -> {
              assertThat(p.file()).isEqualTo("rules/");
              assertThat(p.message())
                  .isEqualTo("there is no recording rule job:http_requests:rate1m");
              assertThat(p.example()).startsWith("- record: job:http_requests:rate1m\n");
            });
  }

  @Test
  void theSolutionRecordsAShopRateAboveZero() {
    assertThat(RateRecording.shopRate(samples("query-rate-solution.json")))
        .hasValueSatisfying(rate -> assertThat(rate).isGreaterThan(0));
    assertThat(RateRecording.shopRate(List.of())).isEmpty();
  }

  @Test
  void theSolutionIsOneSeriesPerJob() {
    assertThat(RateRecording.perJob(samples("query-rate-solution.json"))).isEmpty();
  }

  @Test
  void aRuleThatKeepsEveryLabelNamesThemSorted() {
    assertThat(RateRecording.perJob(samples("query-rate-recording-rule-not-aggregated.json")))
        .hasValueSatisfying(
            p -> {
              assertThat(p.message())
                  .isEqualTo("job:http_requests:rate1m must be one series per job");
              assertThat(p.actual()).isEqualTo("also [env, instance, method, path, status]");
            });
  }

  @Test
  void noRateShowsWhatWasRecorded() {
    var problem = RateRecording.noShopRate(samples("query-rate-solution.json"));

    assertThat(problem.expected()).isEqualTo("job:http_requests:rate1m{job=\"shop\"} > 0");
    assertThat(problem.actual())
        .isEqualTo(
            "[{__name__=job:http_requests:rate1m, job=shop} = 3.7312426666666667,"
                + " {__name__=job:http_requests:rate1m, job=billing} = 0.09274666666666669]");
    assertThat(RateRecording.noShopRate(List.of()).actual()).isEqualTo("no series");
  }
}
