package dev.labkit.harness.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.labkit.harness.nginx.NginxTokens.Kind;
import dev.labkit.harness.nginx.NginxTokens.Token;
import java.util.List;
import org.junit.jupiter.api.Test;

class NginxTokensTest {

  private static List<String> texts(String config) {
    return NginxTokens.of(config).stream().map(Token::text).toList();
  }

  @Test
  void aStatementSplitOverLinesWithACommentInsideIsOneStatement() {
    var tokens =
        NginxTokens.of(
            """
            ssl_protocols TLSv1   # an old client
                TLSv1.2
                TLSv1.3;
            """);
    assertThat(tokens)
        .containsExactly(
            new Token(Kind.WORD, "ssl_protocols", 1),
            new Token(Kind.WORD, "TLSv1", 1),
            new Token(Kind.WORD, "TLSv1.2", 2),
            new Token(Kind.WORD, "TLSv1.3", 3),
            new Token(Kind.END, ";", 3));
  }

  @Test
  void quotesHoldSemicolonsBracesAndHashesAsText() {
    assertThat(texts("add_header X-Note \"a; b { # c }\" always;"))
        .containsExactly("add_header", "X-Note", "a; b { # c }", "always", ";");
    assertThat(texts("add_header X-Note 'it''s';"))
        .as("two quoted strings side by side are two words")
        .containsExactly("add_header", "X-Note", "it", "s", ";");
  }

  @Test
  void escapesFollowNginxsCopyRules() {
    assertThat(texts("return 200 \"say \\\"hi\\\"\\n\";"))
        .containsExactly("return", "200", "say \"hi\"\n", ";");
    assertThat(texts("location ~ \\.php$ { }"))
        .as("a regex keeps its backslash")
        .containsExactly("location", "~", "\\.php$", "{", "}");
    assertThat(texts("set $a b\\;c;"))
        .as("an escaped ; does not end the statement, and keeps its backslash")
        .containsExactly("set", "$a", "b\\;c", ";");
  }

  @Test
  void aHashInsideAWordIsText() {
    assertThat(texts("add_header X a#b; # gone ;\nlisten 80;"))
        .containsExactly("add_header", "X", "a#b", ";", "listen", "80", ";");
  }

  @Test
  void aBraceAfterADollarBelongsToTheVariable() {
    assertThat(texts("set $x ${host}_x;")).containsExactly("set", "$x", "${host}_x", ";");
  }

  @Test
  void nestedBlocksOpenAndCloseWhereAWordCouldStart() {
    var kinds =
        NginxTokens.of("http {\n server {location / {return 204;}}\n}").stream()
            .map(Token::kind)
            .toList();
    assertThat(kinds)
        .containsExactly(
            Kind.WORD,
            Kind.OPEN,
            Kind.WORD,
            Kind.OPEN,
            Kind.WORD,
            Kind.WORD,
            Kind.OPEN,
            Kind.WORD,
            Kind.WORD,
            Kind.END,
            Kind.CLOSE,
            Kind.CLOSE,
            Kind.CLOSE);
  }

  @Test
  void aQuotedStringOverLinesCountsItsLines() {
    var tokens = NginxTokens.of("return 200 \"one\ntwo\";\nlisten 80;");
    assertThat(tokens.get(2)).isEqualTo(new Token(Kind.WORD, "one\ntwo", 1));
    assertThat(tokens.get(4)).isEqualTo(new Token(Kind.WORD, "listen", 3));
  }
}
