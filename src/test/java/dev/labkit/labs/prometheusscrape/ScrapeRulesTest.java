package dev.labkit.labs.prometheusscrape;

import static dev.labkit.labs.prometheusscrape.RecordedPrometheus.loadedConfig;
import static dev.labkit.labs.prometheusscrape.RecordedPrometheus.samples;
import static dev.labkit.labs.prometheusscrape.RecordedPrometheus.targets;
import static org.assertj.core.api.Assertions.assertThat;

import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.prometheus.Labels;
import dev.labkit.harness.prometheus.ScrapeTarget;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScrapeRulesTest {

  @Test
  void theSolutionsIntervalsPass() {
    assertThat(ScrapeRules.intervals(loadedConfig("config-solution.json"))).isEmpty();
  }

  @Test
  void aTenSecondScrapeIntervalIsNamed() {
    assertThat(ScrapeRules.intervals(loadedConfig("config-scrape-interval-ten-seconds.json")))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.file()).isEqualTo("prometheus.yml");
              assertThat(p.message()).isEqualTo("global scrape_interval must be 5s");
              assertThat(p.expected()).isEqualTo("scrape_interval: 5s");
              assertThat(p.actual()).isEqualTo("scrape_interval: 10s");
            });
  }

  @Test
  void theDefaultIntervalIsCalledSo() {
    var config =
        loadedConfig("config-solution.json")
            .replace("scrape_interval: 5s", "scrape_interval: 1m")
            .replace("evaluation_interval: 5s", "evaluation_interval: 1m");

    assertThat(ScrapeRules.intervals(config))
        .extracting(Problem::actual)
        .containsExactly(
            "scrape_interval: 1m (the default)", "evaluation_interval: 1m (the default)");
  }

  @Test
  void theSolutionsTargetsAreUp() {
    assertThat(ScrapeRules.targets(targets("targets-solution.json"))).isEmpty();
  }

  @Test
  void billingWithoutItsMetricsPathScrapesTheWrongAddress() {
    assertThat(ScrapeRules.targets(targets("targets-billing-without-metrics-path.json")))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message()).isEqualTo("job billing scrapes the wrong address");
              assertThat(p.expected()).isEqualTo("http://billing:9100/internal/metrics");
              assertThat(p.actual()).isEqualTo("[http://billing:9100/metrics]");
              assertThat(p.hint())
                  .isEqualTo("billing serves its metrics at /internal/metrics: set metrics_path.");
            });
  }

  @Test
  void missingJobsAreNamedShopFirst() {
    var onlyItself =
        new ScrapeTarget(
            new Labels(Map.of("job", "prometheus")), "http://localhost:9090/metrics", "up", "");

    assertThat(ScrapeRules.targets(List.of(onlyItself)))
        .extracting(Problem::message)
        .containsExactly("there is no job \"shop\"", "there is no job \"billing\"");
  }

  @Test
  void aTargetThatIsDownSaysWhy() {
    var down =
        new ScrapeTarget(
            new Labels(Map.of("job", "shop")),
            "http://shop:8080/metrics",
            "down",
            "connection refused");
    var billing =
        targets("targets-solution.json").stream().filter(t -> t.job().equals("billing")).toList();

    assertThat(ScrapeRules.targets(List.of(down, billing.get(0))))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message()).isEqualTo("job shop's target is not up");
              assertThat(p.actual()).isEqualTo("down: connection refused");
            });
  }

  @Test
  void theSolutionLabelsEverySeries() {
    assertThat(ScrapeRules.envLabel(samples("query-unlabelled-solution.json"))).isEmpty();
  }

  @Test
  void seriesWithoutEnvAreCountedPerJob() {
    assertThat(ScrapeRules.envLabel(samples("query-unlabelled-env-only-on-shop.json")))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message())
                  .isEqualTo("some series of the shop or billing job lack env=\"lab\"");
              assertThat(p.actual()).isEqualTo("series without it, per job: [billing: 8]");
            });
  }

  @Test
  void theSolutionStoresNoDebugSeries() {
    assertThat(ScrapeRules.debugSeries(samples("query-debug-solution.json"))).isEmpty();
  }

  @Test
  void debugSeriesDroppedWithRelabelConfigsAreListedByName() {
    assertThat(ScrapeRules.debugSeries(samples("query-debug-dropped-with-relabel-configs.json")))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message()).isEqualTo("debug_* series are stored");
              assertThat(p.actual())
                  .isEqualTo(
                      "[debug_cache_entries (job shop), debug_goroutines_fake (job shop),"
                          + " debug_billing_queue (job billing)]");
            });
  }
}
