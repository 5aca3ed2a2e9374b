package dev.labkit.harness.docker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The images a Dockerfile builds FROM, after substituting global ARG defaults, leaving out {@code
 * scratch} and references to earlier stages: what the builder actually pulls.
 */
public final class BaseImages {

  /** A base image and the line of its FROM. */
  public record BaseImage(ImageReference reference, String written, int line) {}

  private static final Pattern VARIABLE =
      Pattern.compile(
          "\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-+]([^}]*))?}|\\$([A-Za-z_][A-Za-z0-9_]*)");

  private BaseImages() {}

  public static List<BaseImage> of(Dockerfile dockerfile) {
    var arguments = globalArgumentDefaults(dockerfile);
    var stageNames = new HashSet<String>();
    var images = new ArrayList<BaseImage>();
    for (var stage : dockerfile.stages()) {
      var written = imageOf(stage.from().arguments());
      var resolved = substitute(written, arguments);
      var lower = resolved.toLowerCase(Locale.ROOT);
      if (!resolved.isEmpty() && !lower.equals("scratch") && !stageNames.contains(lower)) {
        images.add(new BaseImage(ImageReference.parse(resolved), written, stage.from().line()));
      }
      stage.name().ifPresent(name -> stageNames.add(name.toLowerCase(Locale.ROOT)));
    }
    return images;
  }

  private static String imageOf(String fromArguments) {
    for (var token : fromArguments.split("\\s+")) {
      if (!token.startsWith("--")) {
        return token;
      }
    }
    return "";
  }

  private static Map<String, String> globalArgumentDefaults(Dockerfile dockerfile) {
    var defaults = new HashMap<String, String>();
    for (var instruction : dockerfile.global()) {
      if (instruction.keyword().equals("ARG")) {
        for (var declaration : instruction.arguments().split("\\s+")) {
          int equals = declaration.indexOf('=');
          if (equals > 0) {
            defaults.put(
                declaration.substring(0, equals), unquote(declaration.substring(equals + 1)));
          }
        }
      }
    }
    return defaults;
  }

  private static String substitute(String text, Map<String, String> values) {
    Matcher matcher = VARIABLE.matcher(text);
    var result = new StringBuilder();
    while (matcher.find()) {
      var name = matcher.group(1) != null ? matcher.group(1) : matcher.group(3);
      var fallback = matcher.group(2) == null ? "" : matcher.group(2);
      matcher.appendReplacement(
          result, Matcher.quoteReplacement(values.getOrDefault(name, fallback)));
    }
    matcher.appendTail(result);
    return result.toString();
  }

  private static String unquote(String value) {
    if (value.length() >= 2
        && (value.startsWith("\"") && value.endsWith("\"")
            || value.startsWith("'") && value.endsWith("'"))) {
      return value.substring(1, value.length() - 1);
    }
    return value;
  }
}
