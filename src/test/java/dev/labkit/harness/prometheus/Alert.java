package dev.labkit.harness.prometheus;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A pending or firing alert in Prometheus ({@code /api/v1/alerts}): its labels (alertname, severity
 * and the series' labels), annotations and state ("pending", "firing").
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Alert(Labels labels, Labels annotations, String state, String activeAt) {

  public Alert {
    labels = labels == null ? Labels.NONE : labels;
    annotations = annotations == null ? Labels.NONE : annotations;
  }

  public String name() {
    return labels.get("alertname");
  }

  public boolean isFiring() {
    return "firing".equals(state);
  }
}
