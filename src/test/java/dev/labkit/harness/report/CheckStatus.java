package dev.labkit.harness.report;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How a check ended. {@code failed}: the learner's work is wrong. {@code error}: the check could
 * not run (environment or kit problem). {@code skipped}: not applicable here, with the reason.
 */
public enum CheckStatus {
  PASSED,
  FAILED,
  SKIPPED,
  ERROR;

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
