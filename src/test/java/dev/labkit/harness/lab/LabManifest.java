package dev.labkit.harness.lab;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A lab's {@code lab.yaml}: its id and title, its checks (id, title, points) in the order they run,
 * the catalog images it starts, the extra settings under which the solution must also pass, and how
 * many of its selftest cases may run at once (labs that build images and run compose stacks thrash
 * two cores at the selftest's default of eight).
 */
public record LabManifest(
    String id,
    String title,
    List<String> images,
    List<CheckSpec> checks,
    @JsonProperty("solution-also-passes-with") List<Map<String, String>> solutionAlsoPassesWith,
    @JsonProperty("selftest-parallel") Integer selftestParallel) {

  public LabManifest {
    images = images == null ? List.of() : List.copyOf(images);
    checks = checks == null ? List.of() : List.copyOf(checks);
    solutionAlsoPassesWith =
        solutionAlsoPassesWith == null ? List.of() : List.copyOf(solutionAlsoPassesWith);
  }

  /** At most this many selftest cases of the lab at once; empty for the selftest's own limit. */
  public Optional<Integer> selftestParallelism() {
    return Optional.ofNullable(selftestParallel).filter(limit -> limit > 0);
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
