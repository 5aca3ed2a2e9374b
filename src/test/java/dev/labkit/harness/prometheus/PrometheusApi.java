package dev.labkit.harness.prometheus;

import dev.labkit.harness.http.HttpSpecs;
import dev.labkit.harness.run.EnvironmentProblem;
import io.restassured.response.Response;
import java.util.List;

/**
 * Prometheus's HTTP API as the checks read it, typed: targets, rule groups, alerts, the loaded
 * configuration and instant queries. One RestAssured specification per call, built from the mapped
 * port; the answers are read by {@link PrometheusJson}.
 */
public final class PrometheusApi {

  private final int port;

  PrometheusApi(int port) {
    this.port = port;
  }

  /** The result vector of an instant query. */
  public List<Sample> query(String promql) {
    return PrometheusJson.samples(
        answer(HttpSpecs.http(port).queryParam("query", promql).get("/api/v1/query"), promql));
  }

  public List<ScrapeTarget> activeTargets() {
    return PrometheusJson.activeTargets(get("/api/v1/targets?state=active"));
  }

  public List<RuleGroup> ruleGroups() {
    return PrometheusJson.ruleGroups(get("/api/v1/rules"));
  }

  /** Every rule of every group, groups in file order. */
  public List<Rule> rules() {
    return ruleGroups().stream().flatMap(group -> group.rules().stream()).toList();
  }

  /** Pending and firing alerts. */
  public List<Alert> alerts() {
    return PrometheusJson.alerts(get("/api/v1/alerts"));
  }

  /** The configuration Prometheus loaded, as YAML text (defaults filled in). */
  public String loadedConfig() {
    return PrometheusJson.loadedConfig(get("/api/v1/status/config"));
  }

  private String get(String path) {
    return answer(HttpSpecs.http(port).get(path), path);
  }

  /**
   * Prometheus itself failing (overloaded, a query timeout) is the environment, not the learner.
   */
  private static String answer(Response response, String what) {
    if (response.statusCode() != 200) {
      throw new EnvironmentProblem(
          "Prometheus answered "
              + response.statusCode()
              + " to "
              + what
              + ": "
              + response.asString().strip(),
          "Re-run; a machine this busy can time Prometheus out.");
    }
    return response.asString();
  }
}
