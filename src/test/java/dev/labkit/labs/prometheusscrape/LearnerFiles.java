package dev.labkit.labs.prometheusscrape;

import dev.labkit.harness.feedback.Feedback;
import dev.labkit.harness.workspace.Workspace;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The learner's three kinds of file, read safely from the workspace. */
record LearnerFiles(String prometheus, Map<String, String> rules, String alertmanager) {

  static final String PROMETHEUS = "prometheus.yml";
  static final String ALERTMANAGER = "alertmanager.yml";
  static final String RULES = "rules";

  /** Empty, with problems in {@code feedback}, when a file cannot be used. */
  static Optional<LearnerFiles> read(Workspace workspace, Feedback feedback) {
    var prometheus = workspace.readText(PROMETHEUS, feedback);
    var alertmanager = workspace.readText(ALERTMANAGER, feedback);
    var rules = new LinkedHashMap<String, String>();
    for (var suffix : new String[] {".yml", ".yaml"}) {
      for (var path : workspace.listFiles(RULES, suffix)) {
        workspace
            .readText(path, feedback)
            .ifPresent(text -> rules.put(path.substring(RULES.length() + 1), text));
      }
    }
    if (prometheus.isEmpty() || alertmanager.isEmpty() || !feedback.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new LearnerFiles(prometheus.get(), Map.copyOf(rules), alertmanager.get()));
  }
}
