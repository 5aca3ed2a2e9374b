package dev.labkit.harness.prometheus;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * What Alertmanager posts to a webhook receiver: the receiver's name, the group's status and its
 * alerts (each with status "firing" or "resolved", labels and annotations).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Notification(String receiver, String status, List<Alert> alerts) {

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Alert(String status, Labels labels, Labels annotations) {

    public Alert {
      labels = labels == null ? Labels.NONE : labels;
      annotations = annotations == null ? Labels.NONE : annotations;
    }

    /** The alert's name; "" when it has none. */
    public String name() {
      var name = labels.get("alertname");
      return name == null ? "" : name;
    }
  }

  public Notification {
    alerts = alerts == null ? List.of() : List.copyOf(alerts);
  }
}
