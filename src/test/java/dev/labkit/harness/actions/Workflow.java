package dev.labkit.harness.actions;

import dev.labkit.harness.yaml.YamlNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A GitHub Actions workflow file as written, for the rules only a reading can show (which events
 * trigger it, what GITHUB_TOKEN may do, which ref an action is pinned to). {@code file} is the path
 * in the learner's repository, for messages.
 */
public record Workflow(String file, YamlNode root) {

  /**
   * The events that trigger the workflow, each with its filter (missing when none): {@code on:
   * push}, {@code on: [push, pull_request]} and the map form all give the same answer.
   */
  public Map<String, YamlNode> triggers() {
    var on = root.get("on");
    var triggers = new LinkedHashMap<String, YamlNode>();
    if (on.isMap()) {
      on.entries().forEach(entry -> triggers.put(entry.getKey(), entry.getValue()));
    } else {
      on.texts().forEach(event -> triggers.put(event, YamlNode.missing()));
    }
    return triggers;
  }

  public Integer triggersLine() {
    return root.keyLine("on");
  }

  public YamlNode permissions() {
    return root.get("permissions");
  }

  public YamlNode concurrency() {
    return root.get("concurrency");
  }

  public List<Job> jobs() {
    return root.get("jobs").entries().stream()
        .map(entry -> new Job(this, entry.getKey(), entry.getValue()))
        .toList();
  }

  /** One job: one that runs steps on a runner, or one that calls a reusable workflow. */
  public record Job(Workflow workflow, String id, YamlNode node) {

    public Integer line() {
      return workflow.root.get("jobs").keyLine(id);
    }

    /** The reusable workflow this job calls ({@code uses:}), or "" for a job with steps. */
    public String calls() {
      return node.get("uses").text();
    }

    public List<String> needs() {
      return node.get("needs").texts();
    }

    /** The job's {@code if:} as written, "" when it always runs. */
    public String condition() {
      return node.get("if").text();
    }

    /** The runner labels: {@code runs-on: x}, a list, or {@code {labels: …}}. */
    public List<String> runsOn() {
      var runsOn = node.get("runs-on");
      return runsOn.isMap() ? runsOn.get("labels").texts() : runsOn.texts();
    }

    public YamlNode permissions() {
      return node.get("permissions");
    }

    /** The deployment environment's name: {@code environment: x} or {@code {name: x}}. */
    public String environment() {
      var environment = node.get("environment");
      return environment.isMap() ? environment.get("name").text() : environment.text();
    }

    public YamlNode concurrency() {
      return node.get("concurrency");
    }

    public YamlNode timeoutMinutes() {
      return node.get("timeout-minutes");
    }

    public List<Step> steps() {
      var items = node.get("steps").items();
      return IntStream.range(0, items.size())
          .mapToObj(index -> new Step(this, index, items.get(index)))
          .toList();
    }
  }

  /** One step of a job: an action ({@code uses:}) or a script ({@code run:}). */
  public record Step(Job job, int index, YamlNode node) {

    public String uses() {
      return node.get("uses").text();
    }

    /** The action's owner/repo ({@code actions/cache} for {@code actions/cache/restore@v4}). */
    public String action() {
      return actionRepository(uses());
    }

    public String run() {
      return node.get("run").text();
    }

    public YamlNode with() {
      return node.get("with");
    }

    public YamlNode env() {
      return node.get("env");
    }

    public Integer line() {
      return node.line();
    }
  }

  /** owner/repo of {@code owner/repo[/path]@ref}. */
  public static String actionRepository(String uses) {
    int at = uses.indexOf('@');
    var name = at < 0 ? uses : uses.substring(0, at);
    var parts = name.split("/");
    return parts.length >= 2 ? parts[0] + "/" + parts[1] : name;
  }
}
