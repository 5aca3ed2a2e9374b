package dev.labkit.harness.prometheus;

import dev.labkit.harness.http.HttpSpecs;
import dev.labkit.harness.run.EnvironmentProblem;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;

/**
 * Prometheus's HTTP API as the checks read it: targets, rules, alerts, the loaded configuration and
 * instant queries. One RestAssured specification per call, built from the mapped port.
 */
public final class PrometheusApi {

  private final int port;

  PrometheusApi(int port) {
    this.port = port;
  }

  public JsonPath get(String path) {
    return answer(HttpSpecs.http(port).get(path), path);
  }

  /** The result vector of an instant query: each element has "metric" (labels) and "value". */
  public List<Map<String, Object>> query(String promql) {
    var json =
        answer(HttpSpecs.http(port).queryParam("query", promql).get("/api/v1/query"), promql);
    return json.getList("data.result");
  }

  /**
   * Prometheus itself failing (overloaded, a query timeout) is the environment, not the learner.
   */
  private static JsonPath answer(Response response, String what) {
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
    return response.jsonPath();
  }

  /** Active targets: labels, scrapeUrl, health ("up"/"down"), lastError. */
  public List<Map<String, Object>> activeTargets() {
    return get("/api/v1/targets?state=active").getList("data.activeTargets");
  }

  /**
   * Every rule of every group, with its type ("alerting"/"recording"), name, labels, duration,
   * state.
   */
  public List<Map<String, Object>> rules() {
    return get("/api/v1/rules").getList("data.groups.rules.flatten()");
  }

  /** Pending and firing alerts: labels, annotations, state, activeAt. */
  public List<Map<String, Object>> alerts() {
    return get("/api/v1/alerts").getList("data.alerts");
  }

  /** The configuration Prometheus loaded, as YAML text (defaults filled in). */
  public String loadedConfig() {
    return get("/api/v1/status/config").getString("data.yaml");
  }
}
