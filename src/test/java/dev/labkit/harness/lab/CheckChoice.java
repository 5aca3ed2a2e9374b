package dev.labkit.harness.lab;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The checks a learner asked for with {@code -Dlabkit.check=<id>[,<id>…]}, and what runs because of
 * it: those checks and every check they need ({@code needs:} in lab.yaml), nothing else. A quicker
 * loop while one thing is being fixed; the full run is what grades.
 */
public record CheckChoice(List<String> asked, List<String> runs) {

  public static final String SETTING = "labkit.check";

  /** Empty when nothing was asked (every check runs). */
  public static Optional<CheckChoice> parse(String setting, LabManifest manifest) {
    var asked = ids(setting);
    if (asked.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new CheckChoice(asked, manifest.withNeeds(asked)));
  }

  /** Asked ids that are no check of the lab, each with the lab's ids to choose from. */
  public static List<String> unknown(String setting, LabManifest manifest) {
    var ids = manifest.checks().stream().map(LabManifest.CheckSpec::id).toList();
    return ids(setting).stream()
        .filter(id -> !ids.contains(id))
        .map(
            id ->
                "'"
                    + id
                    + "' is no check of "
                    + manifest.id()
                    + " (its checks: "
                    + String.join(", ", ids)
                    + ")")
        .toList();
  }

  /** The ids in the setting, each once, in the order given. */
  private static List<String> ids(String setting) {
    return Arrays.stream(setting.split(","))
        .map(String::trim)
        .filter(id -> !id.isEmpty())
        .distinct()
        .toList();
  }

  public boolean runs(String checkId) {
    return runs.contains(checkId);
  }

  /** Why a check was left out, as the console and the report say it (kept short: it repeats). */
  public String leftOutReason() {
    return "left out by -D" + SETTING + "=" + String.join(",", asked);
  }

  /** What the run says once, at its start. */
  public String announcement() {
    return "only "
        + String.join(", ", runs)
        + " (-D"
        + SETTING
        + " and what it needs); the others are left out, and the full run (without -D"
        + SETTING
        + ") is what grades";
  }
}
