package dev.labkit.harness.docker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * BuildKit's plain progress output, read back: which steps ran, which came from the cache, which
 * failed, and the error. Steps are named as BuildKit names them: {@code [build 4/6] RUN mvn …}.
 */
public final class BuildLog {

  /** One vertex of the build: a Dockerfile step or an internal one. */
  public record Step(int id, String name, boolean cached, boolean failed, boolean canceled) {
    // "[build 4/6] RUN …"; a Dockerfile with one stage gets no stage name: "[2/4] RUN …".
    private static final Pattern POSITION = Pattern.compile("^\\[(?:(\\S+) )?(\\d+)/(\\d+)] (.*)$");

    /** The stage's display name and step number, for a Dockerfile step. */
    public Optional<Position> position() {
      var matcher = POSITION.matcher(name);
      return matcher.matches()
          ? Optional.of(
              new Position(
                  Optional.ofNullable(matcher.group(1)),
                  Integer.parseInt(matcher.group(2)),
                  matcher.group(4)))
          : Optional.empty();
    }

    /** A RUN step of the Dockerfile (not an internal vertex). */
    public boolean isRun() {
      return position().map(position -> position.instruction().startsWith("RUN ")).orElse(false);
    }
  }

  /** Where a step sits in the Dockerfile, in BuildKit's numbering; no stage when there is one. */
  public record Position(Optional<String> stage, int number, String instruction) {}

  private static final Pattern HEADER = Pattern.compile("^#(\\d+) (\\[.*)$");
  private static final Pattern STATUS = Pattern.compile("^#(\\d+) (CACHED|ERROR.*|CANCELED)$");
  private static final Pattern FAILED_TO_SOLVE =
      Pattern.compile("^(?:ERROR: )?failed to solve: (.*)$");
  // 20.10: executor failed running [/bin/sh -c CMD]; newer: process "/bin/sh -c CMD" did not
  // complete
  private static final Pattern FAILED_COMMAND =
      Pattern.compile(
          "executor failed running \\[/bin/sh -c (.*)]: exit code|process \"/bin/sh -c (.*)\" did not complete");
  private static final Pattern PARSE_ERROR_LINE = Pattern.compile("(?i)\\bline (\\d+)");

  private final String text;
  private final Map<Integer, Step> steps;
  private final Optional<String> error;

  private BuildLog(String text, Map<Integer, Step> steps, Optional<String> error) {
    this.text = text;
    this.steps = steps;
    this.error = error;
  }

  public static BuildLog parse(String output) {
    var steps = new LinkedHashMap<Integer, Step>();
    Optional<String> error = Optional.empty();
    for (var line : output.split("\n")) {
      var header = HEADER.matcher(line);
      if (header.matches()) {
        int id = Integer.parseInt(header.group(1));
        steps.putIfAbsent(id, new Step(id, header.group(2), false, false, false));
        continue;
      }
      var status = STATUS.matcher(line);
      if (status.matches()) {
        int id = Integer.parseInt(status.group(1));
        var step = steps.get(id);
        if (step != null) {
          steps.put(
              id,
              new Step(
                  id,
                  step.name(),
                  step.cached() || status.group(2).equals("CACHED"),
                  step.failed() || status.group(2).startsWith("ERROR"),
                  step.canceled() || status.group(2).equals("CANCELED")));
        }
        continue;
      }
      var failed = FAILED_TO_SOLVE.matcher(line.strip());
      if (failed.matches()) {
        error = Optional.of(failed.group(1));
      }
    }
    return new BuildLog(output, steps, error);
  }

  public List<Step> steps() {
    return new ArrayList<>(steps.values());
  }

  /** Dockerfile steps that ran (not taken from the cache). */
  public List<Step> executed() {
    return steps.values().stream()
        .filter(step -> step.position().isPresent() && !step.cached())
        .toList();
  }

  public Optional<Step> failedStep() {
    return steps.values().stream()
        .filter(Step::failed)
        .filter(s -> s.position().isPresent())
        .findFirst();
  }

  /**
   * The instruction of the step that failed ("RUN mvn …"), as BuildKit names it. When several
   * builds share a step, BuildKit may print its error without marking the step, so the command in
   * the error message is matched against the steps too.
   */
  public Optional<String> failedInstruction() {
    var marked = failedStep().flatMap(Step::position).map(Position::instruction);
    if (marked.isPresent()) {
      return marked;
    }
    return failedCommand()
        .flatMap(
            command ->
                steps.values().stream()
                    .flatMap(step -> step.position().stream())
                    .map(Position::instruction)
                    .filter(
                        instruction ->
                            instruction.startsWith("RUN ") && instruction.endsWith(command))
                    .findFirst());
  }

  /**
   * RUN steps that failed or were cancelled when another step failed: in a build without network,
   * the steps that (may) need it.
   */
  public List<String> interruptedRuns() {
    return steps.values().stream()
        .filter(step -> step.isRun() && (step.failed() || step.canceled()))
        .map(step -> step.position().orElseThrow().instruction())
        .toList();
  }

  /** The shell command of the RUN step named in the error message, if one is. */
  public Optional<String> failedCommand() {
    return error
        .map(FAILED_COMMAND::matcher)
        .filter(java.util.regex.Matcher::find)
        .map(matcher -> matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
  }

  /** BuildKit's one-line reason, "failed to solve: …". */
  public Optional<String> error() {
    return error;
  }

  /** The Dockerfile line BuildKit names in a syntax error ("dockerfile parse error line 7"). */
  public Optional<Integer> parseErrorLine() {
    return error
        .filter(
            message -> message.contains("parse error") || message.contains("unknown instruction"))
        .map(PARSE_ERROR_LINE::matcher)
        .filter(java.util.regex.Matcher::find)
        .map(matcher -> Integer.parseInt(matcher.group(1)));
  }

  /** The output lines of one step, without BuildKit's "#id seconds" prefix. */
  public List<String> outputOf(Step step) {
    var prefix = Pattern.compile("^#" + step.id() + " (?:\\d+\\.\\d+ )?(.*)$");
    var lines = new ArrayList<String>();
    for (var line : text.split("\n")) {
      var matcher = prefix.matcher(line);
      if (matcher.matches() && !line.startsWith("#" + step.id() + " [")) {
        lines.add(matcher.group(1));
      }
    }
    return lines;
  }

  public String text() {
    return text;
  }
}
