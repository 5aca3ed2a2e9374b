package dev.labkit.labs.nginxreverseproxy;

import java.util.Optional;
import java.util.regex.Pattern;

/** The max-age of a Cache-Control or Strict-Transport-Security header. */
final class MaxAge {

  private static final Pattern MAX_AGE =
      Pattern.compile("max-age=\"?(\\d+)", Pattern.CASE_INSENSITIVE);

  private MaxAge() {}

  /** The seconds the header names; a number too large for a long counts as forever. */
  static Optional<Long> in(String header) {
    var match = MAX_AGE.matcher(header);
    if (!match.find()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(match.group(1)));
    } catch (NumberFormatException tooLarge) {
      return Optional.of(Long.MAX_VALUE);
    }
  }
}
