package dev.labkit.harness.prometheus;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One element of an instant query's result vector: the series' labels and its value, kept as the
 * text Prometheus sent ("3.73", "NaN"), which is also how messages show it.
 */
public record Sample(Labels metric, String value) {

  public Sample {
    metric = metric == null ? Labels.NONE : metric;
  }

  /** Prometheus sends {@code "value": [<unix time>, "<value as text>"]}. */
  @JsonCreator
  static Sample fromApi(
      @JsonProperty("metric") Labels metric, @JsonProperty("value") List<Object> value) {
    return new Sample(
        metric, value == null || value.size() < 2 ? null : String.valueOf(value.get(1)));
  }

  public double number() {
    return Double.parseDouble(value);
  }
}
