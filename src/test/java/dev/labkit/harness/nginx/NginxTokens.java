package dev.labkit.harness.nginx;

import java.util.ArrayList;
import java.util.List;

/**
 * nginx's configuration grammar at the level of tokens, as {@code ngx_conf_read_token} reads it:
 * words separated by white space, a statement ended by {@code ;}, a block opened by <code>{</code>
 * and closed by <code>}</code> where a word could start, quoted strings as one word, and {@code #}
 * starting a comment to the end of the line where a word could start (inside a word it is a
 * character). A backslash keeps the next character in the word; when a word is copied, {@code \"},
 * {@code \'} and {@code \\} lose their backslash and {@code \t}, {@code \r}, {@code \n} become the
 * control character, while any other escape keeps its backslash (so {@code ~ \.php$} stays a
 * regex). A <code>{</code> right after {@code $} in a word belongs to it ({@code ${name}}). Quotes
 * are taken off, as nginx does; each token knows the line it starts on.
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
    return new Reader(text).tokens();
  }

  private static final class Reader {
    private final String text;
    private final List<Token> tokens = new ArrayList<>();
    private int i;
    private int line = 1;

    Reader(String text) {
      this.text = text;
    }

    List<Token> tokens() {
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
        } else if (c == '"' || c == '\'') {
          int startLine = line;
          i++;
          tokens.add(new Token(Kind.WORD, unescape(until(c)), startLine));
          i++; // the closing quote
        } else {
          int startLine = line;
          tokens.add(new Token(Kind.WORD, unescape(bareWord()), startLine));
        }
      }
      return tokens;
    }

    /** The raw text up to the closing {@code quote} (not consumed), escapes kept for unescape. */
    private String until(char quote) {
      int start = i;
      while (i < text.length() && text.charAt(i) != quote) {
        skipOne();
      }
      return text.substring(start, Math.min(i, text.length()));
    }

    /** A word without quotes: it ends at white space, ';' or '{' (not '}', as in nginx). */
    private String bareWord() {
      int start = i;
      boolean variable = false;
      while (i < text.length()) {
        char w = text.charAt(i);
        if (w == '{' && variable) {
          i++;
          variable = false;
          continue;
        }
        if (Character.isWhitespace(w) || w == ';' || w == '{') {
          break;
        }
        variable = w == '$';
        skipOne();
      }
      return text.substring(start, i);
    }

    /** One character, or a backslash and the character it escapes; counts lines. */
    private void skipOne() {
      if (text.charAt(i) == '\\' && i + 1 < text.length()) {
        i++;
      }
      if (text.charAt(i) == '\n') {
        line++;
      }
      i++;
    }
  }

  private static final String ESCAPED = "\"'\\trn";
  private static final String MEANING = "\"'\\\t\r\n";

  /** nginx's copy of a word: only these escapes lose their backslash. */
  static String unescape(String raw) {
    var word = new StringBuilder(raw.length());
    for (int k = 0; k < raw.length(); k++) {
      char c = raw.charAt(k);
      int escape = c == '\\' && k + 1 < raw.length() ? ESCAPED.indexOf(raw.charAt(k + 1)) : -1;
      if (escape >= 0) {
        word.append(MEANING.charAt(escape));
        k++;
      } else {
        word.append(c);
      }
    }
    return word.toString();
  }
}
