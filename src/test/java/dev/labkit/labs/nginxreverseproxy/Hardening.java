package dev.labkit.labs.nginxreverseproxy;

import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.http.HttpSpecs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The security-headers check: the home page names no nginx version and carries the protective
 * headers.
 */
final class Hardening {

  private static final String CONF = ReverseProxyStack.CONF_FILE;

  static final List<Map.Entry<String, String>> PROTECTIVE =
      List.of(Map.entry("X-Content-Type-Options", "nosniff"), Map.entry("X-Frame-Options", "DENY"));

  private Hardening() {}

  static List<Problem> homePage(int httpsPort) {
    var home = HttpSpecs.https(httpsPort).get("/");
    return headers(home::header);
  }

  /** {@code header}: the value of a header of GET /, by name; null when nginx sent none. */
  static List<Problem> headers(UnaryOperator<String> header) {
    var problems = new ArrayList<Problem>();
    var server = Optional.ofNullable(header.apply("Server")).orElse("");
    if (server.matches(".*\\d.*")) {
      problems.add(
          Problem.in(CONF, "the Server header tells attackers the exact nginx version")
              .expected("Server: nginx")
              .actual("Server: " + server)
              .hint("server_tokens off; in http {}."));
    }
    for (var wanted : PROTECTIVE) {
      var value = Optional.ofNullable(header.apply(wanted.getKey()));
      if (value.filter(wanted.getValue()::equalsIgnoreCase).isEmpty()) {
        problems.add(
            Problem.in(CONF, "HTML pages must carry " + wanted.getKey() + ": " + wanted.getValue())
                .expected(wanted.getKey() + ": " + wanted.getValue())
                .actual(
                    value
                        .map(found -> wanted.getKey() + ": " + found)
                        .orElse("no " + wanted.getKey() + " on GET /"))
                .hint(
                    "add_header "
                        + wanted.getKey()
                        + " "
                        + wanted.getValue()
                        + " always; in the server. "
                        + "A location with its own add_header inherits none from the server: repeat them there."));
      }
    }
    return problems;
  }
}
