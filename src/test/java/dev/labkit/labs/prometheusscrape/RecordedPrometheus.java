package dev.labkit.labs.prometheusscrape;

import dev.labkit.harness.prometheus.Alert;
import dev.labkit.harness.prometheus.HookDelivery;
import dev.labkit.harness.prometheus.PrometheusJson;
import dev.labkit.harness.prometheus.Rule;
import dev.labkit.harness.prometheus.RuleGroup;
import dev.labkit.harness.prometheus.Sample;
import dev.labkit.harness.prometheus.ScrapeTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What Prometheus 2.53.3, Alertmanager 0.28.1 and the hooks service answered for the solution and
 * the mistakes, recorded by {@code src/test/resources/prometheus-scrape/record.sh}, for the rule
 * tests.
 */
final class RecordedPrometheus {

  private static final Path FOLDER = Path.of("src/test/resources/prometheus-scrape");

  private RecordedPrometheus() {}

  static String text(String file) {
    try {
      return Files.readString(FOLDER.resolve(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Sample> samples(String file) {
    return PrometheusJson.samples(text(file));
  }

  static List<ScrapeTarget> targets(String file) {
    return PrometheusJson.activeTargets(text(file));
  }

  static List<RuleGroup> ruleGroups(String file) {
    return PrometheusJson.ruleGroups(text(file));
  }

  static List<Rule> rules(String file) {
    return ruleGroups(file).stream().flatMap(group -> group.rules().stream()).toList();
  }

  static Rule rule(String file, String name) {
    return rules(file).stream().filter(rule -> rule.name().equals(name)).findFirst().orElseThrow();
  }

  static List<Alert> alerts(String file) {
    return PrometheusJson.alerts(text(file));
  }

  static String loadedConfig(String file) {
    return PrometheusJson.loadedConfig(text(file));
  }

  static List<HookDelivery> received(String file) {
    return HookDelivery.listed(text(file));
  }
}
