package dev.labkit.harness.docker;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The instructions of a Dockerfile with the line each starts on, grouped into build stages: enough
 * to point feedback at a line and to read {@code FROM}. Follows the Dockerfile reference for what
 * matters here: the {@code escape} directive, line continuations, comment lines, and heredocs.
 * Syntax errors are BuildKit's to report (the build fails with its message).
 */
public final class Dockerfile {

  /** One instruction: keyword in upper case, the rest of its text joined, its first line. */
  public record Instruction(String keyword, String arguments, int line) {}

  /** A parser directive at the top ({@code # syntax=docker/dockerfile:1}): name, value, line. */
  public record Directive(String name, String value, int line) {}

  /** A build stage: its {@code FROM} and what follows, up to the next {@code FROM}. */
  public record Stage(int index, Optional<String> name, Instruction from, List<Instruction> body) {
    /** The name BuildKit shows in progress output: the stage's name, or stage-N. */
    public String displayName() {
      return name.orElse("stage-" + index);
    }

    /** The instruction numbered as in BuildKit's {@code [stage n/m]}: 1 is the FROM. */
    public Optional<Instruction> step(int number) {
      if (number == 1) {
        return Optional.of(from);
      }
      return number - 2 < body.size() ? Optional.of(body.get(number - 2)) : Optional.empty();
    }
  }

  private static final Pattern DIRECTIVE = Pattern.compile("^#\\s*([a-zA-Z]+)\\s*=\\s*(\\S+)\\s*$");
  private static final Pattern HEREDOC =
      Pattern.compile("<<-?[\"']?([A-Za-z_][A-Za-z0-9_]*)[\"']?");
  private static final Pattern AS_NAME =
      Pattern.compile("(?i)\\s+AS\\s+([A-Za-z][A-Za-z0-9_.-]*)\\s*$");

  private final List<Directive> directives;
  private final List<Instruction> global;
  private final List<Stage> stages;

  private Dockerfile(List<Directive> directives, List<Instruction> global, List<Stage> stages) {
    this.directives = directives;
    this.global = global;
    this.stages = stages;
  }

  public static Dockerfile parse(String text) {
    var lines = text.replace("\r\n", "\n").split("\n", -1);
    char escape = '\\';
    int index = 0;
    var directives = new ArrayList<Directive>();
    // Parser directives: only at the very top, before any comment, blank line or instruction.
    for (; index < lines.length; index++) {
      var directive = DIRECTIVE.matcher(lines[index].strip());
      if (!directive.matches()) {
        break;
      }
      directives.add(new Directive(directive.group(1), directive.group(2), index + 1));
      if (directive.group(1).equalsIgnoreCase("escape") && directive.group(2).equals("`")) {
        escape = '`';
      }
    }
    var instructions = new ArrayList<Instruction>();
    while (index < lines.length) {
      var line = lines[index].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        index++;
        continue;
      }
      int start = index + 1;
      var joined = new StringBuilder();
      while (index < lines.length) {
        var part = lines[index].strip();
        index++;
        if (part.startsWith("#") && joined.length() > 0) {
          continue; // comment lines inside a continued instruction are dropped
        }
        if (!part.isEmpty() && part.charAt(part.length() - 1) == escape) {
          joined.append(part, 0, part.length() - 1).append(' ');
          continue;
        }
        joined.append(part);
        break;
      }
      var heredoc = HEREDOC.matcher(joined);
      if (heredoc.find()) {
        var end = heredoc.group(1);
        while (index < lines.length && !lines[index].strip().equals(end)) {
          joined.append('\n').append(lines[index]);
          index++;
        }
        index++;
      }
      var text1 = joined.toString().strip();
      int space = indexOfWhitespace(text1);
      var keyword = (space < 0 ? text1 : text1.substring(0, space)).toUpperCase(Locale.ROOT);
      var arguments = space < 0 ? "" : text1.substring(space).strip();
      instructions.add(new Instruction(keyword, arguments, start));
    }
    return group(List.copyOf(directives), instructions);
  }

  private static Dockerfile group(List<Directive> directives, List<Instruction> instructions) {
    var global = new ArrayList<Instruction>();
    var stages = new ArrayList<Stage>();
    Instruction from = null;
    List<Instruction> body = null;
    for (var instruction : instructions) {
      if (instruction.keyword().equals("FROM")) {
        if (from != null) {
          stages.add(stage(stages.size(), from, body));
        }
        from = instruction;
        body = new ArrayList<>();
      } else if (from == null) {
        global.add(instruction);
      } else {
        body.add(instruction);
      }
    }
    if (from != null) {
      stages.add(stage(stages.size(), from, body));
    }
    return new Dockerfile(directives, List.copyOf(global), List.copyOf(stages));
  }

  private static Stage stage(int index, Instruction from, List<Instruction> body) {
    var name = AS_NAME.matcher(from.arguments());
    return new Stage(
        index,
        name.find() ? Optional.of(name.group(1)) : Optional.empty(),
        from,
        List.copyOf(body));
  }

  private static int indexOfWhitespace(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isWhitespace(text.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  /** The parser directives at the top, in file order. */
  public List<Directive> directives() {
    return directives;
  }

  /** Instructions before the first FROM (ARGs that FROM lines may use). */
  public List<Instruction> global() {
    return global;
  }

  public List<Stage> stages() {
    return stages;
  }

  /** Every instruction, in file order. */
  public List<Instruction> instructions() {
    var all = new ArrayList<>(global);
    stages.forEach(
        stage -> {
          all.add(stage.from());
          all.addAll(stage.body());
        });
    return all;
  }

  /**
   * The stage BuildKit calls {@code displayName} in its progress output; with no name given (a
   * Dockerfile of one stage), the last stage.
   */
  public Optional<Stage> stage(Optional<String> displayName) {
    if (displayName.isEmpty()) {
      return stages.isEmpty() ? Optional.empty() : Optional.of(stages.get(stages.size() - 1));
    }
    // BuildKit prints stage names in lower case ("AS Build" shows as [build 2/5]).
    return stages.stream()
        .filter(stage -> stage.displayName().equalsIgnoreCase(displayName.get()))
        .findFirst();
  }
}
