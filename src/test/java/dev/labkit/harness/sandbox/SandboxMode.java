package dev.labkit.harness.sandbox;

import dev.labkit.harness.docker.DockerEngine;
import dev.labkit.harness.run.EnvironmentProblem;
import dev.labkit.harness.run.LabSettings;
import java.util.Locale;

/**
 * Where a learner's code runs ({@code -Dlabkit.sandbox}): in a container of its own (read-only, no
 * network unless the lab gives one, no capabilities, bounded memory, CPU and processes), or, where
 * no Docker engine runs, in a child JVM of its own. Only the container contains hostile code; the
 * child JVM is for a learner checking their own work, so grading asks for {@code container}.
 */
public enum SandboxMode {
  CONTAINER,
  PROCESS;

  public static final String SETTING = "labkit.sandbox";

  /** {@code auto} (the default): a container when Docker answers, otherwise a child JVM. */
  public static SandboxMode of(LabSettings settings) {
    var wanted = settings.get(SETTING, "auto").toLowerCase(Locale.ROOT);
    return switch (wanted) {
      case "auto" -> DockerEngine.isAvailable() ? CONTAINER : PROCESS;
      case "process" -> PROCESS;
      case "container" -> {
        DockerEngine.requireEngine(
            "-Dlabkit.sandbox=container runs your code in a container of its own, which grading"
                + " requires; to check your own work without Docker, leave the setting out.");
        yield CONTAINER;
      }
      default ->
          throw new EnvironmentProblem(
              "-D" + SETTING + "=" + wanted + " is not a sandbox the kit knows.",
              "Use auto (the default), container, or process.");
    };
  }
}
