package dev.labkit.harness.prometheus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One request the {@code hooks} demo service recorded ({@code GET /received}, oldest first): the
 * path posted to, when, and the body (parsed JSON, or the text when it was none).
 */
public record HookDelivery(String path, String receivedAt, JsonNode body) {

  /**
   * Everything listed in {@code /received}; an answer that is no JSON lists nothing. An entry
   * without "body" is taken as the body itself.
   */
  public static List<HookDelivery> listed(String received) {
    JsonNode entries;
    try {
      entries = PrometheusJson.JSON.readTree(received);
    } catch (JsonProcessingException e) {
      return List.of();
    }
    var deliveries = new ArrayList<HookDelivery>();
    if (entries != null) {
      entries.forEach(
          entry ->
              deliveries.add(
                  entry.has("body")
                      ? new HookDelivery(
                          entry.path("path").asText(null),
                          entry.path("receivedAt").asText(null),
                          entry.get("body"))
                      : new HookDelivery(null, null, entry)));
    }
    return deliveries;
  }

  /** The body as Alertmanager's webhook notification, when it is one. */
  public Optional<Notification> notification() {
    if (body == null || !body.isObject()) {
      return Optional.empty();
    }
    try {
      return Optional.of(PrometheusJson.JSON.convertValue(body, Notification.class));
    } catch (IllegalArgumentException notANotification) {
      return Optional.empty();
    }
  }

  /** The alerts this delivery notified of, in the order it lists them. */
  public List<Notification.Alert> alerts() {
    return notification().map(Notification::alerts).orElse(List.of());
  }

  /** The names of the alerts this delivery notified of, in the order it lists them. */
  public List<String> alertNames() {
    return alerts().stream().map(Notification.Alert::name).toList();
  }
}
