package dev.labkit.harness.prometheus;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The labels of a series, target, rule or alert, in the order the API gave them (Prometheus sorts
 * them by name), so that printing them is as stable as the answer: {@code {__name__=x, job=shop}}.
 */
public record Labels(Map<String, String> values) {

  public static final Labels NONE = new Labels(Map.of());

  public Labels {
    // LinkedHashMap, not Map.copyOf: an immutable Map's order changes from one JVM to the next.
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values == null ? Map.of() : values));
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static Labels of(Map<String, String> values) {
    return new Labels(values);
  }

  /** The label's value, or null when there is no such label. */
  public String get(String name) {
    return values.get(name);
  }

  public Set<String> names() {
    return values.keySet();
  }

  @JsonValue
  @Override
  public Map<String, String> values() {
    return values;
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
