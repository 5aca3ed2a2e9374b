package dev.labkit.harness.run;

import java.util.List;
import java.util.Map;

/**
 * The few variables a process the kit starts may see: what finds the Docker engine, its plugins and
 * the JDK. The machine's other variables (tokens, cloud credentials) never reach a learner's build,
 * compose file or code.
 */
public final class PassedEnvironment {

  /** What the docker CLI needs to find the engine and its plugins. */
  public static final List<String> DOCKER =
      List.of(
          "PATH",
          "HOME",
          "DOCKER_HOST",
          "DOCKER_CONTEXT",
          "DOCKER_CONFIG",
          "DOCKER_CERT_PATH",
          "DOCKER_TLS_VERIFY",
          "TMPDIR");

  private PassedEnvironment() {}

  /**
   * Empties {@code environment} (a ProcessBuilder's) except for the variables named, and those that
   * start with one of {@code prefixes}.
   */
  public static void keepOnly(
      Map<String, String> environment, List<String> names, List<String> prefixes) {
    var inherited = Map.copyOf(environment);
    environment.clear();
    inherited.forEach(
        (name, value) -> {
          if (names.contains(name) || prefixes.stream().anyMatch(name::startsWith)) {
            environment.put(name, value);
          }
        });
  }
}
