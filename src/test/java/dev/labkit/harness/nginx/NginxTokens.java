package dev.labkit.harness.nginx;

import java.util.ArrayList;
import java.util.List;

/**
 * nginx's configuration grammar at the level of tokens: words separated by white space, a statement
 * ended by {@code ;}, a block opened by <code>{</code> and closed by <code>}</code>, quoted strings
 * (with backslash escapes) as one word, and {@code #} starting a comment where a word could start.
 * Quotes are taken off, as nginx does; each token knows the line it starts on.
 */
final class NginxTokens {

  enum Kind {
    WORD,
    END,
    OPEN,
    CLOSE
  }

  record Token(Kind kind, String text, int line) {}

  private NginxTokens() {}

  static List<Token> of(String text) {
    var tokens = new ArrayList<Token>();
    int line = 1;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\n') {
        line++;
        i++;
      } else if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '#') {
        while (i < text.length() && text.charAt(i) != '\n') {
          i++;
        }
      } else if (c == ';' || c == '{' || c == '}') {
        var kind = c == ';' ? Kind.END : c == '{' ? Kind.OPEN : Kind.CLOSE;
        tokens.add(new Token(kind, String.valueOf(c), line));
        i++;
      } else {
        var word = new StringBuilder();
        int startLine = line;
        if (c == '"' || c == '\'') {
          i++;
          while (i < text.length() && text.charAt(i) != c) {
            char q = text.charAt(i);
            if (q == '\\' && i + 1 < text.length()) {
              q = text.charAt(++i);
            }
            if (q == '\n') {
              line++;
            }
            word.append(q);
            i++;
          }
          i++; // the closing quote
        } else {
          while (i < text.length()) {
            char w = text.charAt(i);
            if (Character.isWhitespace(w) || w == ';' || w == '{' || w == '}') {
              break;
            }
            if (w == '\\' && i + 1 < text.length()) {
              w = text.charAt(++i);
            }
            word.append(w);
            i++;
          }
        }
        tokens.add(new Token(Kind.WORD, word.toString(), startLine));
      }
    }
    return tokens;
  }
}
