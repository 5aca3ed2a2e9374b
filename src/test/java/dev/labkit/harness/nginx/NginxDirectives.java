package dev.labkit.harness.nginx;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds the uses of one directive in {@code nginx -T} output (the effective configuration, every
 * included file behind a "# configuration file …:" line). Only for rules behaviour cannot show,
 * such as which TLS versions nginx would offer to an old client that this JVM cannot imitate.
 * Statements are read with nginx's own grammar ({@link NginxTokens}), so a directive split over
 * lines, or two on one line, reads as nginx reads it.
 */
public final class NginxDirectives {

  private static final Pattern FILE_MARK = Pattern.compile("(?m)^# configuration file (.+):$");

  private NginxDirectives() {}

  /** One use: the file and line it starts on, and its arguments. */
  public record Use(String file, int line, List<String> arguments) {}

  public static List<Use> find(String dump, String directive) {
    var uses = new ArrayList<Use>();
    var marks = FILE_MARK.matcher(dump);
    if (!marks.find()) {
      collect("", dump, directive, uses);
      return uses;
    }
    while (true) {
      var file = marks.group(1);
      int start = marks.end() + 1;
      boolean more = marks.find();
      int end = more ? marks.start() : dump.length();
      collect(file, dump.substring(Math.min(start, end), end), directive, uses);
      if (!more) {
        return uses;
      }
    }
  }

  private static void collect(String file, String text, String directive, List<Use> uses) {
    var words = new ArrayList<NginxTokens.Token>();
    for (var token : NginxTokens.of(text)) {
      switch (token.kind()) {
        case WORD -> words.add(token);
        case END -> {
          if (!words.isEmpty() && words.get(0).text().equals(directive)) {
            var arguments = words.subList(1, words.size()).stream().map(NginxTokens.Token::text);
            uses.add(new Use(file, words.get(0).line(), arguments.toList()));
          }
          words.clear();
        }
        case OPEN, CLOSE -> words.clear();
      }
    }
  }
}
