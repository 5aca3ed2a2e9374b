package dev.labkit.harness.prometheus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Prometheus's HTTP API answers ({@code {"status": "success", "data": ...}}) read into the kit's
 * records. Separate from {@link PrometheusApi} so that recorded answers can be read without a
 * server.
 */
public final class PrometheusJson {

  static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private PrometheusJson() {}

  /** {@code /api/v1/query}: the result vector. */
  public static List<Sample> samples(String answer) {
    return list(data(answer).path("result"), new TypeReference<List<Sample>>() {});
  }

  /** {@code /api/v1/targets?state=active}: the active targets. */
  public static List<ScrapeTarget> activeTargets(String answer) {
    return list(data(answer).path("activeTargets"), new TypeReference<List<ScrapeTarget>>() {});
  }

  /** {@code /api/v1/rules}: the rule groups, in the order of the rule files. */
  public static List<RuleGroup> ruleGroups(String answer) {
    return list(data(answer).path("groups"), new TypeReference<List<RuleGroup>>() {});
  }

  /** {@code /api/v1/alerts}: pending and firing alerts. */
  public static List<Alert> alerts(String answer) {
    return list(data(answer).path("alerts"), new TypeReference<List<Alert>>() {});
  }

  /** {@code /api/v1/status/config}: the loaded configuration as YAML text, defaults filled in. */
  public static String loadedConfig(String answer) {
    return data(answer).path("yaml").asText();
  }

  private static JsonNode data(String answer) {
    try {
      return JSON.readTree(answer).path("data");
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("Prometheus's answer is no JSON: " + e.getMessage(), e);
    }
  }

  private static <T> List<T> list(JsonNode node, TypeReference<List<T>> type) {
    return node.isArray() ? List.copyOf(JSON.convertValue(node, type)) : List.of();
  }
}
