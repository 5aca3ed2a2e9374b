package dev.labkit.harness.prometheus;

import dev.labkit.harness.docker.KitContainers;
import dev.labkit.harness.docker.OneShot;
import dev.labkit.harness.feedback.Problem;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * promtool and amtool, run from the same images as the servers (so the versions match), on the
 * learner's files placed at the paths the servers use. Their own messages become problems, with the
 * container paths turned back into the learner's file names.
 */
public final class PromTools {

  private static final Duration LIMIT = Duration.ofSeconds(60);
  private static final Pattern LINE = Pattern.compile("line (\\d+)");

  private PromTools() {}

  /**
   * {@code promtool check config} on prometheus.yml, then {@code promtool check rules} on each rule
   * file.
   */
  public static List<Problem> checkPrometheus(
      DockerImageName image, String config, Map<String, String> ruleFiles) {
    var problems = new ArrayList<Problem>();
    var files = new LinkedHashMap<String, String>();
    files.put(PrometheusContainer.CONFIG_PATH, config);
    ruleFiles.forEach((name, text) -> files.put(PrometheusContainer.RULES_DIR + name, text));
    problems.addAll(
        run(
            image,
            "/bin/promtool",
            files,
            "prometheus.yml",
            "check",
            "config",
            PrometheusContainer.CONFIG_PATH));
    if (!ruleFiles.isEmpty()) {
      var command = new ArrayList<>(List.of("check", "rules"));
      ruleFiles.keySet().forEach(name -> command.add(PrometheusContainer.RULES_DIR + name));
      problems.addAll(run(image, "/bin/promtool", files, "rules/", command.toArray(String[]::new)));
    }
    return problems;
  }

  /** {@code amtool check-config} on alertmanager.yml. */
  public static List<Problem> checkAlertmanager(DockerImageName image, String config) {
    return run(
        image,
        "/bin/amtool",
        Map.of(AlertmanagerContainer.CONFIG_PATH, config),
        "alertmanager.yml",
        "check-config",
        AlertmanagerContainer.CONFIG_PATH);
  }

  /** Where {@link #testRules} puts the kit's unit-test file, beside the learner's rule files. */
  public static final String UNIT_TEST_PATH = "/etc/prometheus/kit-tests/rules-test.yml";

  /**
   * {@code promtool test rules} on a unit-test file the kit wrote (its {@code rule_files} naming
   * the learner's files under {@link PrometheusContainer#RULES_DIR}): whether every test passed,
   * and promtool's report, for the caller to read in its own terms.
   */
  public static OneShot.Result testRules(
      DockerImageName image, Map<String, String> ruleFiles, String unitTest) {
    var files = new LinkedHashMap<String, String>();
    ruleFiles.forEach((name, text) -> files.put(PrometheusContainer.RULES_DIR + name, text));
    files.put(UNIT_TEST_PATH, unitTest);
    return runRaw(image, "/bin/promtool", files, "test", "rules", UNIT_TEST_PATH);
  }

  private static List<Problem> run(
      DockerImageName image,
      String tool,
      Map<String, String> files,
      String defaultFile,
      String... arguments) {
    var result = runRaw(image, tool, files, arguments);
    return result.succeeded()
        ? List.of()
        : problems(result.output(), defaultFile, tool.substring(tool.lastIndexOf('/') + 1));
  }

  private static OneShot.Result runRaw(
      DockerImageName image, String tool, Map<String, String> files, String... arguments) {
    try (var container = new GenericContainer<>(image)) {
      container
          .withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint(tool))
          .withCommand(arguments);
      KitContainers.label(container);
      files.forEach(
          (path, text) ->
              container.withCopyToContainer(
                  Transferable.of(text.getBytes(StandardCharsets.UTF_8), 0644), path));
      return OneShot.run(container, LIMIT);
    }
  }

  static List<Problem> problems(String output, String defaultFile, String toolName) {
    var readable =
        output
            .replace(PrometheusContainer.CONFIG_PATH, "prometheus.yml")
            .replace(PrometheusContainer.RULES_DIR, "rules/")
            .replace(AlertmanagerContainer.CONFIG_PATH, "alertmanager.yml")
            .strip();
    var problems = new ArrayList<Problem>();
    for (var line : readable.lines().map(String::strip).toList()) {
      if (line.startsWith("FAILED") || line.contains("error") || line.startsWith("Error")) {
        var file =
            line.contains("rules/")
                ? line.replaceAll(".*(rules/[^:\\s]+).*", "$1")
                : defaultFile.endsWith("/") ? null : defaultFile;
        var problem = Problem.in(file, toolName + ": " + line.replaceFirst("^FAILED:\\s*", ""));
        var number = LINE.matcher(line);
        problems.add(number.find() ? problem.at(Integer.parseInt(number.group(1)), null) : problem);
      }
    }
    if (problems.isEmpty()) {
      problems.add(
          Problem.in(defaultFile.endsWith("/") ? null : defaultFile, toolName + " found a problem")
              .actual(readable));
    }
    return problems;
  }
}
