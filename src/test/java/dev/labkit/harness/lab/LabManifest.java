package dev.labkit.harness.lab;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A lab's {@code lab.yaml}: its id and title, its checks (id, title, points) in the order they run,
 * the catalog images it starts, and the extra settings under which the solution must also pass.
 */
public record LabManifest(
    String id,
    String title,
    List<String> images,
    List<CheckSpec> checks,
    @JsonProperty("solution-also-passes-with") List<Map<String, String>> solutionAlsoPassesWith) {

  public LabManifest {
    images = images == null ? List.of() : List.copyOf(images);
    checks = checks == null ? List.of() : List.copyOf(checks);
    solutionAlsoPassesWith =
        solutionAlsoPassesWith == null ? List.of() : List.copyOf(solutionAlsoPassesWith);
  }

  public Optional<CheckSpec> check(String checkId) {
    return checks.stream().filter(check -> check.id().equals(checkId)).findFirst();
  }

  public int maxScore() {
    return checks.stream().mapToInt(CheckSpec::points).sum();
  }

  /** One check as the learner and the grader see it. */
  public record CheckSpec(String id, String title, int points) {}
}
