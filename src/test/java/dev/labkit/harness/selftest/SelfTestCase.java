package dev.labkit.harness.selftest;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * One run of a lab's checks that the selftest judges: the solution (must pass), the starter (must
 * fail), an alternative solution (must pass), or a mistake (must fail exactly its expected check).
 *
 * @param overlay for mistakes and alternatives: the folder whose files replace the solution's
 */
public record SelfTestCase(
    String lab,
    Kind kind,
    String name,
    Path baseFolder,
    Optional<Path> overlay,
    Optional<String> expectedFailure,
    Map<String, String> settings) {

  public enum Kind {
    SOLUTION,
    ALTERNATIVE,
    STARTER,
    MISTAKE
  }

  @Override
  public String toString() {
    var text = lab + " " + name;
    return settings.isEmpty() ? text : text + " " + settings;
  }
}
