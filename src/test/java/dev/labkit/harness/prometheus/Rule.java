package dev.labkit.harness.prometheus;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A rule as Prometheus loaded it ({@code /api/v1/rules}): type "recording" or "alerting", its name
 * (the recorded series or the alert), expression, and for alerting rules its labels, annotations,
 * {@code for:} in seconds ({@code duration}, 0 without one) and state.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Rule(
    String type,
    String name,
    String query,
    Labels labels,
    Labels annotations,
    double duration,
    String state,
    String health) {

  public static final String RECORDING = "recording";
  public static final String ALERTING = "alerting";

  public Rule {
    labels = labels == null ? Labels.NONE : labels;
    annotations = annotations == null ? Labels.NONE : annotations;
  }

  public boolean is(String type, String name) {
    return type.equals(this.type) && name.equals(this.name);
  }
}
