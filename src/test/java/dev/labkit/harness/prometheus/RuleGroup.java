package dev.labkit.harness.prometheus;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A rule group from {@code /api/v1/rules}: its rules in file order, and when it was last evaluated
 * (the zero time "0001-01-01T00:00:00Z" until the first evaluation).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RuleGroup(String name, String file, List<Rule> rules, String lastEvaluation) {

  public RuleGroup {
    rules = rules == null ? List.of() : List.copyOf(rules);
  }

  /** The last evaluation, empty before the first. */
  public Optional<Instant> lastEvaluated() {
    return Optional.ofNullable(lastEvaluation)
        .map(Instant::parse)
        .filter(at -> at.getEpochSecond() > 0);
  }
}
