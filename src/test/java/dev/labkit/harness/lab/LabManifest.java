package dev.labkit.harness.lab;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A lab's {@code lab.yaml}: its id and title, its checks (id, title, points, what each needs) in
 * the order they run, the catalog images it starts, the extra settings under which the solution
 * must also pass, and how many of its selftest cases may run at once (labs that build images and
 * run compose stacks thrash two cores at the selftest's default of eight), and the kit's files
 * outside the lab's classes that its checks build or run (a shared app), relative to the kit's
 * root: a grade's provenance hashes them.
 */
public record LabManifest(
    String id,
    String title,
    List<String> images,
    List<CheckSpec> checks,
    @JsonProperty("solution-also-passes-with") List<Map<String, String>> solutionAlsoPassesWith,
    @JsonProperty("selftest-parallel") Integer selftestParallel,
    @JsonProperty("kit-files") List<String> kitFiles) {

  public LabManifest {
    kitFiles = kitFiles == null ? List.of() : List.copyOf(kitFiles);
    images = images == null ? List.of() : List.copyOf(images);
    checks = checks == null ? List.of() : List.copyOf(checks);
    solutionAlsoPassesWith =
        solutionAlsoPassesWith == null ? List.of() : List.copyOf(solutionAlsoPassesWith);
  }

  /**
   * What is wrong with the checks' {@code needs}: a need that is no check of the lab, or that comes
   * later in the manifest (which also rules out cycles, since checks run in manifest order).
   */
  public List<String> needsProblems() {
    var problems = new ArrayList<String>();
    var before = new HashSet<String>();
    var all = checks.stream().map(CheckSpec::id).collect(Collectors.toSet());
    for (var check : checks) {
      for (var need : check.needs()) {
        if (!all.contains(need)) {
          problems.add(check.id() + " needs " + need + ", which is no check of " + id);
        } else if (!before.contains(need)) {
          problems.add(check.id() + " needs " + need + ", which the manifest lists after it");
        }
      }
      before.add(check.id());
    }
    return problems;
  }

  /** {@code checkIds} and every check they need, directly or not, in manifest order. */
  public List<String> withNeeds(Collection<String> checkIds) {
    var wanted = new HashSet<String>(checkIds);
    for (int i = checks.size() - 1; i >= 0; i--) {
      var check = checks.get(i);
      if (wanted.contains(check.id())) {
        wanted.addAll(check.needs());
      }
    }
    return checks.stream().map(CheckSpec::id).filter(wanted::contains).toList();
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

  /**
   * One check as the learner and the grader see it. {@code needs}: the checks that must pass before
   * this one can be judged (the harness skips it otherwise); {@code unmet}: what a check that needs
   * this one says when this one did not pass ("PhotoUrls.java cannot be used yet").
   */
  public record CheckSpec(String id, String title, int points, List<String> needs, String unmet) {

    public CheckSpec {
      needs = needs == null ? List.of() : List.copyOf(needs);
    }

    public CheckSpec(String id, String title, int points) {
      this(id, title, points, List.of(), null);
    }

    /** The skip reason of a check that needs this one, which did not pass. */
    public String unmetReason() {
      return unmetReason(unmet == null ? "check " + id + " has not passed" : unmet);
    }

    /** The skip reason, with the words for this run's cause in place of {@code unmet}. */
    public String unmetReason(String because) {
      return because + " (see check " + id + ")";
    }
  }
}
