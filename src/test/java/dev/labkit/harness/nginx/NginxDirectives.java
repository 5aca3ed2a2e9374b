package dev.labkit.harness.nginx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds the uses of one directive in {@code nginx -T} output (the effective configuration, every
 * included file behind a "# configuration file …:" line). Only for rules behaviour cannot show,
 * such as which TLS versions nginx would offer to an old client that this JVM cannot imitate.
 * Directives are read per line, which is how nginx configurations are written in practice.
 */
public final class NginxDirectives {

  private static final Pattern FILE_MARK = Pattern.compile("^# configuration file (.+):$");

  private NginxDirectives() {}

  /** One use: the file and line it is in, and its arguments. */
  public record Use(String file, int line, List<String> arguments) {}

  public static List<Use> find(String dump, String directive) {
    var uses = new ArrayList<Use>();
    var pattern = Pattern.compile("(?:^|[;{}\\s])" + Pattern.quote(directive) + "\\s+([^;{}]*);");
    String file = "";
    int line = 0;
    for (var text : dump.split("\n", -1)) {
      var mark = FILE_MARK.matcher(text);
      if (mark.matches()) {
        file = mark.group(1);
        line = 0;
        continue;
      }
      line++;
      var code = withoutComment(text);
      var match = pattern.matcher(code);
      while (match.find()) {
        uses.add(new Use(file, line, Arrays.asList(match.group(1).trim().split("\\s+"))));
      }
    }
    return uses;
  }

  /**
   * The line with its comment cut and quoted strings blanked, so neither can look like a directive.
   */
  private static String withoutComment(String line) {
    var code = new StringBuilder(line.length());
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        code.append(c == quote ? c : ' ');
        quote = c == quote ? 0 : quote;
      } else if (c == '"' || c == '\'') {
        quote = c;
        code.append(c);
      } else if (c == '#') {
        break;
      } else {
        code.append(c);
      }
    }
    return code.toString();
  }
}
