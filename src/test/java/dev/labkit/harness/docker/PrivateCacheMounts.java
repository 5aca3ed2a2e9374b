package dev.labkit.harness.docker;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.labkit.harness.feedback.Problem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Makes every BuildKit cache mount of a Dockerfile private to one run. A cache mount ({@code RUN
 * --mount=type=cache,target=/root/.m2}) is keyed by its {@code id} (the target when none is given)
 * on the whole engine, not per build: one submission could plant a Maven plugin there that runs in
 * every later build on the machine. Giving each id a prefix of the run's own keeps the cache within
 * the run (where the lab's rebuilds need it) and out of everyone else's.
 *
 * <p>The rewrite stays on each flag's own line, so BuildKit's line numbers and the kit's feedback
 * still point at the learner's lines. A {@code --mount} value with a variable in it cannot be
 * rewritten safely (the variable could hold any mount) and is refused with a problem.
 */
public final class PrivateCacheMounts {

  private static final CsvMapper CSV = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);

  /** The Dockerfile to build, and what made a flag impossible to rewrite. */
  public record Rewritten(String text, List<Problem> problems) {}

  private PrivateCacheMounts() {}

  /**
   * {@code dockerfile} with each cache mount's id prefixed by {@code labkit-<run>-}. Every word
   * that starts with {@code --} is read as BuildKit reads a flag (quotes anywhere in it, backslash
   * escapes), so no quoting hides a {@code --mount}.
   */
  public static Rewritten of(String dockerfile, String file, String run) {
    var problems = new ArrayList<Problem>();
    var text = new StringBuilder();
    int copied = 0;
    for (int i = 0; i < dockerfile.length(); i++) {
      boolean wordStart = i == 0 || Character.isWhitespace(dockerfile.charAt(i - 1));
      if (!wordStart || !dockerfile.startsWith("--", i)) {
        continue;
      }
      var word = FlagWord.read(dockerfile, i);
      if (!word.unquoted().startsWith("--mount=")) {
        // Not skipped: an unbalanced quote in a comment must not hide a flag on a later line.
        continue;
      }
      var spec = word.unquoted().substring("--mount=".length());
      var replaced = word.spansLines() ? null : privateSpec(spec, run);
      text.append(dockerfile, copied, i);
      if (replaced == null) {
        problems.add(
            Problem.in(file, "a --mount flag the kit cannot read")
                .at(lineOf(dockerfile, i), null)
                .actual(dockerfile.substring(i, word.end()).strip())
                .hint(
                    "Write each mount out on one line, without variables"
                        + " (--mount=type=cache,target=/root/.m2): the kit must see what each"
                        + " mount is before it builds."));
        text.append(dockerfile, i, word.end());
      } else {
        text.append(flag(replaced));
      }
      copied = word.end();
      i = word.end() - 1;
    }
    text.append(dockerfile.substring(copied));
    return new Rewritten(text.toString(), List.copyOf(problems));
  }

  /** {@code --mount=<spec>}, quoted where the spec holds what a flag word cannot hold bare. */
  private static String flag(String spec) {
    boolean bare =
        spec.chars().noneMatch(c -> Character.isWhitespace(c) || "\"'\\`".indexOf(c) >= 0);
    return bare
        ? "--mount=" + spec
        : "--mount=\"" + spec.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /**
   * One flag word as BuildKit's Dockerfile parser splits it: up to the first blank outside quotes;
   * quotes are dropped, a backslash (or backtick, the other escape character) keeps the next
   * character. A line continuation inside the word makes it span lines.
   */
  private record FlagWord(String unquoted, int end, boolean spansLines) {

    static FlagWord read(String text, int start) {
      var word = new StringBuilder();
      char quote = 0;
      boolean spans = false;
      int i = start;
      for (; i < text.length(); i++) {
        char c = text.charAt(i);
        if (quote == 0 && Character.isWhitespace(c)) {
          break;
        }
        if (c == '\\' || c == '`') {
          if (i + 1 < text.length()) {
            char next = text.charAt(++i);
            if (next == '\n' || next == '\r') {
              spans = true;
            }
            word.append(next);
          }
          continue;
        }
        if (quote == 0 && (c == '"' || c == '\'')) {
          quote = c;
        } else if (quote != 0 && c == quote) {
          quote = 0;
        } else {
          if (c == '\n') {
            spans = true;
          }
          word.append(c);
        }
      }
      return new FlagWord(word.toString(), i, spans);
    }
  }

  /** The mount's CSV fields with a private id when it is a cache mount; null if unreadable. */
  private static String privateSpec(String spec, String run) {
    if (spec.contains("$")) {
      return null;
    }
    List<String> fields;
    try (MappingIterator<List<String>> rows = CSV.readerForListOf(String.class).readValues(spec)) {
      fields = rows.hasNext() ? new ArrayList<>(rows.next()) : new ArrayList<>();
    } catch (IOException | RuntimeException e) {
      return null;
    }
    boolean cache = false;
    int idField = -1;
    String target = null;
    for (int i = 0; i < fields.size(); i++) {
      var field = fields.get(i);
      int equals = field.indexOf('=');
      var key = (equals < 0 ? field : field.substring(0, equals)).strip().toLowerCase(Locale.ROOT);
      var value = equals < 0 ? "" : field.substring(equals + 1);
      switch (key) {
        case "type" -> cache = value.strip().equalsIgnoreCase("cache");
        case "id" -> idField = i;
        case "target", "dst", "destination" -> target = value;
        default -> {}
      }
    }
    if (!cache) {
      return spec;
    }
    var prefix = "labkit-" + run + "-";
    if (idField >= 0) {
      var id = fields.get(idField).substring(fields.get(idField).indexOf('=') + 1);
      // Made private by this run already (a file rewritten twice keeps its ids).
      if (!id.startsWith(prefix)) {
        fields.set(idField, "id=" + prefix + id);
      }
    } else if (target != null) {
      fields.add("id=" + prefix + target);
    }
    return String.join(",", fields.stream().map(PrivateCacheMounts::csvField).toList());
  }

  private static String csvField(String field) {
    return field.contains(",") || field.contains("\"")
        ? "\"" + field.replace("\"", "\"\"") + "\""
        : field;
  }

  private static int lineOf(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
