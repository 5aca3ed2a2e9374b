package dev.labkit.harness.nginx;

import dev.labkit.harness.docker.OneShot;
import dev.labkit.harness.feedback.Problem;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Runs {@code nginx -t} in a one-off container set up exactly like the real one (same files, same
 * network, so upstream host names resolve) and turns nginx's own error lines into problems with the
 * learner's file and line. nginx's general hints come from here; what only a lab knows (its
 * backends' names, say) the lab passes in as hints of its own.
 */
public final class NginxConfigTrial {

  /**
   * nginx's own error line, as "nginx: [emerg] …" or, with error_log to stderr, "2026/11/29
   * 05:41:12 [emerg] 1#1: unknown directive "proxy_pas" in /etc/nginx/nginx.conf:42".
   */
  private static final Pattern LOCATED =
      Pattern.compile(
          "\\[(emerg|alert|crit|error)\\] (?:\\d+#\\d+: )?(.*?) in "
              + Pattern.quote(NginxContainer.CONF_PATH)
              + ":(\\d+)");

  private static final Pattern UNLOCATED =
      Pattern.compile("\\[(emerg|alert|crit|error)\\] (?:\\d+#\\d+: )?(.*)");

  private NginxConfigTrial() {}

  /**
   * Runs {@code nginx -t}; the container must be configured (files, network) but not started. Empty
   * when nginx accepts the configuration.
   *
   * @param learnerFile how the learner's file is named in messages, e.g. "nginx.conf"
   * @param labHints the lab's hints by a part of nginx's message they answer (e.g. "host not found
   *     in upstream"); they take the place of the general hint for that message
   */
  public static List<Problem> run(
      NginxContainer container, String learnerFile, Map<String, String> labHints) {
    var result = OneShot.run(container.withCommand("nginx", "-t"), Duration.ofSeconds(30));
    return result.succeeded() ? List.of() : problems(result.output(), learnerFile, labHints);
  }

  static List<Problem> problems(String output, String learnerFile, Map<String, String> labHints) {
    var problems =
        output
            .lines()
            .map(line -> toProblem(line, learnerFile, labHints))
            .flatMap(Optional::stream)
            .toList();
    if (!problems.isEmpty()) {
      return problems;
    }
    return List.of(Problem.in(learnerFile, "nginx -t failed").actual(output.strip()));
  }

  private static Optional<Problem> toProblem(
      String line, String learnerFile, Map<String, String> labHints) {
    var located = LOCATED.matcher(line);
    if (located.find()) {
      return Optional.of(
          Problem.in(learnerFile, "nginx -t: " + located.group(2))
              .at(Integer.parseInt(located.group(3)), null)
              .hint(hintFor(located.group(2), labHints)));
    }
    var unlocated = UNLOCATED.matcher(line);
    if (unlocated.find()) {
      return Optional.of(
          Problem.in(learnerFile, "nginx -t: " + unlocated.group(2))
              .hint(hintFor(unlocated.group(2), labHints)));
    }
    return Optional.empty();
  }

  private static String hintFor(String nginxMessage, Map<String, String> labHints) {
    for (var labHint : labHints.entrySet()) {
      if (nginxMessage.contains(labHint.getKey())) {
        return labHint.getValue();
      }
    }
    if (nginxMessage.contains("host not found in upstream")) {
      return "nginx resolves upstream names at start-up; each upstream host must be reachable by that name from nginx.";
    }
    if (nginxMessage.contains("unknown directive")) {
      return "Check the spelling, and that the directive sits in a context that allows it (see nginx.org/en/docs/dirindex.html).";
    }
    return "nginx names the line; the directive index at nginx.org/en/docs/dirindex.html says where each directive may appear.";
  }
}
