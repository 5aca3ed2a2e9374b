package dev.labkit.harness.prometheus;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.labkit.harness.http.HttpSpecs;
import io.restassured.http.ContentType;
import java.io.UncheckedIOException;
import java.util.List;

/** Alertmanager's HTTP API, as far as the kit uses it: posting alerts of its own. */
public final class AlertmanagerApi {

  /** An alert as {@code POST /api/v2/alerts} takes it; without times, it fires from now on. */
  public record Alert(Labels labels, Labels annotations) {}

  private final int port;

  AlertmanagerApi(int port) {
    this.port = port;
  }

  /** Posts the alerts; fails unless Alertmanager takes them (200). */
  public void post(List<Alert> alerts) {
    String body;
    try {
      body = PrometheusJson.JSON.writeValueAsString(alerts);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    HttpSpecs.http(port)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v2/alerts")
        .then()
        .statusCode(200);
  }
}
