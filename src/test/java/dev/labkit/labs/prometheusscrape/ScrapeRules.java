package dev.labkit.labs.prometheusscrape;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.prometheus.PrometheusApi;
import dev.labkit.harness.prometheus.Sample;
import dev.labkit.harness.prometheus.ScrapeTarget;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ConditionTimeoutException;

/**
 * What prometheus.yml makes Prometheus do with the two services: intervals, the jobs' targets, the
 * env label on every series, and no debug_* series stored.
 */
final class ScrapeRules {

  static final String PROMETHEUS = LearnerFiles.PROMETHEUS;
  static final Duration TARGETS_LIMIT = Duration.ofSeconds(30);

  /** Each job and the URL it must scrape, in the README's order (so messages list them so). */
  static final Map<String, String> TARGETS = new LinkedHashMap<>();

  static {
    TARGETS.put("shop", "http://shop:8080/metrics");
    TARGETS.put("billing", "http://billing:9100/internal/metrics");
  }

  /**
   * Series of both jobs without env="lab", counted per job. Recorded series (names with ':', by
   * convention) are aggregates: sum by (job) rightly drops env.
   */
  static final String UNLABELLED =
      "count by (job) ({job=~\"shop|billing\", env!=\"lab\", __name__!~\".*:.*\"})";

  static final String DEBUG_SERIES = "count by (job, __name__) ({__name__=~\"debug_.*\"})";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ScrapeRules() {}

  /** intervals: global scrape_interval and evaluation_interval in the loaded configuration. */
  static List<Problem> intervals(String loadedConfig) {
    var global = global(loadedConfig);
    var problems = new ArrayList<Problem>();
    for (var setting : List.of("scrape_interval", "evaluation_interval")) {
      var value = global.path(setting).asText();
      if (!value.equals("5s")) {
        problems.add(
            Problem.in(PROMETHEUS, "global " + setting + " must be 5s")
                .expected(setting + ": 5s")
                .actual(setting + ": " + value + (value.equals("1m") ? " (the default)" : ""))
                .hint("Set it under global: so every job and rule group inherits it."));
      }
    }
    return problems;
  }

  /** targets-up, waited for: the targets may need a scrape or two to be up. */
  static List<Problem> targetsUp(PrometheusApi api) {
    try {
      await("targets of jobs shop and billing up")
          .atMost(TARGETS_LIMIT)
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> targets(api.activeTargets()).isEmpty());
      return List.of();
    } catch (ConditionTimeoutException e) {
      return targets(api.activeTargets());
    }
  }

  /** Per job: that it exists, scrapes the right URL, and that this target is up. */
  static List<Problem> targets(List<ScrapeTarget> targets) {
    var problems = new ArrayList<Problem>();
    TARGETS.forEach(
        (job, url) -> {
          var ofJob = targets.stream().filter(target -> job.equals(target.job())).toList();
          var matching =
              ofJob.stream().filter(target -> url.equals(target.scrapeUrl())).findFirst();
          if (ofJob.isEmpty()) {
            problems.add(
                Problem.in(PROMETHEUS, "there is no job \"" + job + "\"")
                    .expected("a scrape config with job_name: " + job + " for " + url));
          } else if (matching.isEmpty()) {
            problems.add(
                Problem.in(PROMETHEUS, "job " + job + " scrapes the wrong address")
                    .expected(url)
                    .actual(
                        ofJob.stream()
                            .map(target -> String.valueOf(target.scrapeUrl()))
                            .toList()
                            .toString())
                    .hint(
                        job.equals("billing")
                            ? "billing serves its metrics at /internal/metrics: set metrics_path."
                            : "targets: [\"shop:8080\"]; /metrics is the default path."));
          } else if (!"up".equals(matching.get().health())) {
            problems.add(
                Problem.in(PROMETHEUS, "job " + job + "'s target is not up")
                    .expected("health up")
                    .actual(matching.get().health() + ": " + matching.get().lastError()));
          }
        });
    return problems;
  }

  /** env-label, on the answer to {@link #UNLABELLED}. */
  static List<Problem> envLabel(List<Sample> unlabelled) {
    if (unlabelled.isEmpty()) {
      return List.of();
    }
    return List.of(
        Problem.in(PROMETHEUS, "some series of the shop or billing job lack env=\"lab\"")
            .expected("env=\"lab\" on every series of both jobs")
            .actual(
                "series without it, per job: "
                    + unlabelled.stream()
                        .map(series -> series.metric().get("job") + ": " + series.value())
                        .toList())
            .hint(
                "Add labels: {env: lab} next to the targets in static_configs of both jobs (or a relabel_configs rule with target_label: env)."));
  }

  /** no-debug-series, on the answer to {@link #DEBUG_SERIES}. */
  static List<Problem> debugSeries(List<Sample> stored) {
    if (stored.isEmpty()) {
      return List.of();
    }
    return List.of(
        Problem.in(PROMETHEUS, "debug_* series are stored")
            .expected("no series whose name starts with debug_")
            .actual(
                stored.stream()
                    .map(
                        series ->
                            series.metric().get("__name__")
                                + " (job "
                                + series.metric().get("job")
                                + ")")
                    .toList()
                    .toString())
            .hint(
                "metric_relabel_configs (not relabel_configs: those act on targets) with source_labels: [__name__], regex: \"debug_.*\", action: drop."));
  }

  private static JsonNode global(String loadedConfig) {
    try {
      return YAML.readTree(loadedConfig).path("global");
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
