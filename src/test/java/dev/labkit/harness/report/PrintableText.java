package dev.labkit.harness.report;

/**
 * Text from outside the kit (a learner's exception message, a file quoted as {@code actual}, a
 * container's log, a submission's folder name) made safe to print: on a terminal, in a CI log, in
 * report.md and report.json, in an annotation. Characters that act instead of showing become a
 * visible escape, so nothing the learner wrote can move the cursor, recolour the terminal, end a
 * line early (GitHub's runner also ends a line at a lone CR, which let a learner's {@code \r::error
 * ...} forge an annotation) or reorder what the reader sees.
 *
 * <p>Escaped: the C0 controls other than tab and line feed, DEL, the C1 controls U+0080 to U+009F,
 * the bidirectional controls (U+061C, U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069), the line
 * and paragraph separators U+2028 and U+2029, and unpaired surrogates. CR shows as <code>&#92;r
 * </code>; every other one as a backslash, {@code u} and four lower-case hex digits, as in Java and
 * JSON (ESC shows as <code>&#92;u001b</code>). A backslash stays as it is (Windows paths and
 * regular expressions in honest messages print unchanged), so the escape shows what was there but
 * cannot always be told from a learner who typed it. Honest text has none of these characters and
 * comes back identical; escaping twice changes nothing.
 */
public final class PrintableText {

  private PrintableText() {}

  /** Multi-line text (a check's message): line feeds and tabs stay, every other control shows. */
  public static String of(String text) {
    return escape(text, false);
  }

  /**
   * Text that must stay on one line (a folder name, a gradebook cell, a progress line): a line feed
   * shows as {@code \n} too; tabs stay.
   */
  public static String oneLine(String text) {
    return escape(text, true);
  }

  private static String escape(String text, boolean oneLine) {
    if (text == null || isPrintable(text, oneLine)) {
      return text;
    }
    var out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      i += Character.charCount(codePoint);
      if (codePoint == '\r') {
        out.append("\\r");
      } else if (codePoint == '\n' && oneLine) {
        out.append("\\n");
      } else if (mustEscape(codePoint)) {
        out.append(String.format("\\u%04x", codePoint));
      } else {
        out.appendCodePoint(codePoint);
      }
    }
    return out.toString();
  }

  private static boolean isPrintable(String text, boolean oneLine) {
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      i += Character.charCount(codePoint);
      if (codePoint == '\r' || (codePoint == '\n' && oneLine) || mustEscape(codePoint)) {
        return false;
      }
    }
    return true;
  }

  private static boolean mustEscape(int codePoint) {
    if (codePoint == '\n' || codePoint == '\t') {
      return false;
    }
    return codePoint < 0x20
        || (codePoint >= 0x7f && codePoint <= 0x9f)
        || codePoint == 0x061c
        || codePoint == 0x200e
        || codePoint == 0x200f
        || (codePoint >= 0x2028 && codePoint <= 0x202e)
        || (codePoint >= 0x2066 && codePoint <= 0x2069)
        // codePointAt returns a lone surrogate as itself; a pair is one code point above U+FFFF
        || (codePoint >= 0xd800 && codePoint <= 0xdfff);
  }
}
