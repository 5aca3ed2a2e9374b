package dev.labkit.harness.actions;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The actions the kit stands in for where GitHub cannot be reached: for each {@code uses:} of
 * theirs, whatever its ref, a {@code --local-repository} mapping to the act-runner image's folder.
 * Anything else offline cannot run, and {@link #unavailable} names it.
 */
public final class OfflineActions {

  public static final Set<String> STOOD_IN =
      Set.of(
          "actions/checkout",
          "actions/setup-java",
          "actions/cache",
          "docker/setup-buildx-action",
          "docker/login-action",
          "docker/build-push-action");

  private OfflineActions() {}

  /** {@code owner/repo@ref} → the stand-in's folder, for every stood-in action the files use. */
  public static Map<String, String> mappings(List<Workflow> workflows) {
    var mappings = new TreeMap<String, String>();
    for (var uses : remoteUses(workflows)) {
      var repository = Workflow.actionRepository(uses);
      if (STOOD_IN.contains(repository)) {
        mappings.put(
            repository + uses.substring(uses.indexOf('@')), ActRun.KIT_ACTIONS + "/" + repository);
      }
    }
    return mappings;
  }

  /** Remote actions the kit cannot run offline. */
  public static Set<String> unavailable(List<Workflow> workflows) {
    var missing = new TreeSet<String>();
    for (var uses : remoteUses(workflows)) {
      if (!STOOD_IN.contains(Workflow.actionRepository(uses))) {
        missing.add(uses);
      }
    }
    return missing;
  }

  private static Set<String> remoteUses(List<Workflow> workflows) {
    var uses = new TreeSet<String>();
    for (var workflow : workflows) {
      for (var job : workflow.jobs()) {
        for (var step : job.steps()) {
          var action = step.uses();
          if (!action.isEmpty()
              && !action.startsWith("./")
              && !action.startsWith("docker://")
              && action.contains("@")) {
            uses.add(action);
          }
        }
      }
    }
    return uses;
  }
}
