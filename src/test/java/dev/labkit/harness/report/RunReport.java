package dev.labkit.harness.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The whole run as graders consume it; serialized as target/labkit/report.json. */
public record RunReport(
    int formatVersion,
    String lab,
    String title,
    String workspace,
    Map<String, String> backends,
    Provenance provenance,
    Instant startedAt,
    long durationMs,
    int score,
    int maxScore,
    List<CheckResult> checks) {

  /** 2 added {@code provenance}; everything of 1 is unchanged. */
  public static final int FORMAT_VERSION = 2;

  public boolean allPassed() {
    return checks.stream().allMatch(check -> check.status() == CheckStatus.PASSED);
  }
}
