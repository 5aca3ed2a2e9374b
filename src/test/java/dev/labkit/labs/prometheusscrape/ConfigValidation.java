package dev.labkit.labs.prometheusscrape;

import dev.labkit.harness.docker.DockerEngine;
import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.prometheus.PromTools;
import dev.labkit.harness.run.LabContext;
import java.util.ArrayList;
import java.util.List;

/**
 * config-valid: promtool on prometheus.yml and the rule files, amtool on alertmanager.yml, each
 * from the image of the server that reads the file, so the versions match.
 */
final class ConfigValidation {

  /** What the checks that build on config-valid say when a file could not even be read. */
  static final String UNREADABLE = "the configuration files cannot be read";

  private ConfigValidation() {}

  static List<Problem> run(LabContext lab, LearnerFiles files) {
    return lab.console()
        .step(
            "promtool and amtool",
            () -> {
              DockerEngine.requireEngine(
                  "This lab runs Prometheus itself; it has no Docker-free mode.");
              var prometheus = lab.images().image("prometheus");
              var alertmanager = lab.images().image("alertmanager");
              DockerEngine.requireImage(prometheus);
              DockerEngine.requireImage(alertmanager);
              var problems =
                  new ArrayList<Problem>(
                      PromTools.checkPrometheus(prometheus, files.prometheus(), files.rules()));
              problems.addAll(PromTools.checkAlertmanager(alertmanager, files.alertmanager()));
              return List.copyOf(problems);
            });
  }
}
