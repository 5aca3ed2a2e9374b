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

  /** One fault a YAML decoder lists under its header: {@code line 4: field x not found ...}. */
  private static final Pattern YAML_FAULT = Pattern.compile("line (\\d+): .*");

  /** promtool's position in a rule file: {@code rules/shop.yml: 6:15: group "shop", ...}. */
  private static final Pattern RULE_POSITION =
      Pattern.compile("^(rules/[^:\\s]+): (\\d+):(\\d+): ");

  /** amtool's closing count, {@code error: failed to validate 1 file(s)}. */
  private static final Pattern FILE_COUNT = Pattern.compile("failed to validate \\d+ file");

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
    // check config checks the rule files it names too: the same fault, once
    return problems.stream().distinct().toList();
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

  /**
   * The tools' messages as problems, one per fault. A YAML decoder lists its faults under a header
   * ({@code FAILED: yaml: unmarshal errors:}, then {@code line 4: field scrape_intervall not found
   * ...}): each fault becomes a problem at its line, header in front. A bare {@code FAILED:} (the
   * reason on the next line) and amtool's closing count say nothing of their own and are left out.
   */
  static List<Problem> problems(String output, String defaultFile, String toolName) {
    var readable =
        output
            .replace(PrometheusContainer.CONFIG_PATH, "prometheus.yml")
            .replace(PrometheusContainer.RULES_DIR, "rules/")
            .replace(AlertmanagerContainer.CONFIG_PATH, "alertmanager.yml")
            .strip();
    var problems = new ArrayList<Problem>();
    String header = null;
    boolean headerUsed = false;
    for (var line : readable.lines().map(String::strip).toList()) {
      var fault = YAML_FAULT.matcher(line);
      if (fault.matches()) {
        var message = header == null ? line : header + " " + line;
        problems.add(
            problem(defaultFile, toolName, message).at(Integer.parseInt(fault.group(1)), null));
        headerUsed = true;
        continue;
      }
      if (header != null && !headerUsed) {
        problems.add(problem(defaultFile, toolName, header));
      }
      header = null;
      headerUsed = false;
      var message = line.replaceFirst("^.*?FAILED:\\s*", "");
      boolean reported =
          line.contains("FAILED") || line.contains("error") || line.startsWith("Error");
      if (!reported || message.isEmpty() || FILE_COUNT.matcher(message).find()) {
        continue;
      }
      if (message.endsWith(":")) {
        header = message;
      } else {
        problems.add(problem(defaultFile, toolName, message));
      }
    }
    if (header != null && !headerUsed) {
      problems.add(problem(defaultFile, toolName, header));
    }
    if (problems.isEmpty()) {
      problems.add(
          Problem.in(defaultFile.endsWith("/") ? null : defaultFile, toolName + " found a problem")
              .actual(readable));
    }
    return problems.stream().distinct().toList();
  }

  /** A problem in the file the message names (a rule file), or else the tool's file. */
  private static Problem problem(String defaultFile, String toolName, String message) {
    var rules = RULE_POSITION.matcher(message);
    if (rules.find()) {
      return Problem.in(rules.group(1), toolName + ": " + message)
          .at(Integer.parseInt(rules.group(2)), Integer.parseInt(rules.group(3)));
    }
    var file =
        message.contains("rules/")
            ? message.replaceAll(".*(rules/[^:\\s]+).*", "$1")
            : defaultFile.endsWith("/") ? null : defaultFile;
    var problem = Problem.in(file, toolName + ": " + message);
    var number = LINE.matcher(message);
    return number.find() ? problem.at(Integer.parseInt(number.group(1)), null) : problem;
  }
}
