package dev.labkit.labs.nginxreverseproxy;

import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.http.HttpSpecs;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The api-prefix, forwarded-headers and load-balancing checks: what the echo backends say nginx
 * sent them for requests under /api/.
 */
final class ApiProxying {

  private static final String CONF = ReverseProxyStack.CONF_FILE;

  /** An X-Forwarded-For the client sends itself: nginx must add to it, never trust it. */
  static final String SPOOFED = "203.0.113.7";

  /**
   * An X-Real-IP the client sends itself: nginx must replace it. Another address than {@link
   * #SPOOFED}, so a message tells which header the backend's value came from.
   */
  static final String SPOOFED_REAL_IP = "203.0.113.9";

  static final List<String> BACKENDS = List.of("app1", "app2");

  private ApiProxying() {}

  static List<Problem> prefixStripped(int httpsPort) {
    return prefixStripped(NginxAnswer.of(HttpSpecs.https(httpsPort).get("/api/orders?id=7")));
  }

  static List<Problem> forwardedHeaders(int httpsPort) {
    var response =
        HttpSpecs.https(httpsPort)
            .header("X-Forwarded-For", SPOOFED)
            .header("X-Real-IP", SPOOFED_REAL_IP)
            .get("/api/whoami");
    return forwardedHeaders(NginxAnswer.of(response));
  }

  static List<Problem> loadBalancing(int httpsPort) {
    var seen = new TreeSet<String>();
    for (int i = 0; i < 20 && seen.size() < 2; i++) {
      EchoReply.parse(HttpSpecs.https(httpsPort).get("/api/balance/" + i).asString())
          .map(EchoReply::instance)
          .ifPresent(seen::add);
    }
    return loadBalancing(seen);
  }

  /** {@code answer}: what GET /api/orders?id=7 brought back. */
  static List<Problem> prefixStripped(NginxAnswer answer) {
    var reply = EchoReply.parse(answer.body());
    if (reply.map(EchoReply::pathAndQuery).filter("/orders?id=7"::equals).isPresent()) {
      return List.of();
    }
    return List.of(
        Problem.in(CONF, "/api/orders?id=7 must reach a backend as /orders?id=7")
            .expected("the backend sees /orders?id=7")
            .actual(
                reply
                    .map(echo -> "the backend saw " + echo.pathAndQuery())
                    .orElse("no backend answered: " + answer.describe()))
            .hint(
                "With a URI part in proxy_pass (proxy_pass http://backend/;) nginx replaces the matched location prefix /api/ with /."));
  }

  /**
   * {@code answer}: what GET /api/whoami with X-Forwarded-For {@link #SPOOFED} and X-Real-IP {@link
   * #SPOOFED_REAL_IP} brought back.
   */
  static List<Problem> forwardedHeaders(NginxAnswer answer) {
    var reply = EchoReply.parse(answer.body());
    if (reply.isEmpty()) {
      return List.of(
          Problem.in(CONF, "no backend answered GET /api/whoami")
              .actual(answer.describe())
              .hint("Proxy /api/ to the upstream of app1:8080 and app2:8080."));
    }
    var echo = reply.get();
    var problems = new ArrayList<Problem>();
    var host = echo.header("Host").orElse("(none)");
    if (!(host.equals("localhost") || host.startsWith("localhost:"))) {
      problems.add(
          Problem.in(CONF, "the backend must see the Host the browser asked for")
              .expected("Host: localhost")
              .actual("Host: " + host)
              .hint("proxy_set_header Host $host; otherwise nginx sends the upstream's name."));
    }
    var realIp = echo.header("X-Real-IP");
    var clientAddress = realIp.filter(ApiProxying::isClientAddress);
    if (clientAddress.isEmpty()) {
      problems.add(
          Problem.in(CONF, "the backend must get the client's address in X-Real-IP")
              .expected(
                  "X-Real-IP: the address nginx saw ($remote_addr), not a value the client sent")
              .actual(
                  realIp
                      .map(
                          ip ->
                              "X-Real-IP: "
                                  + ip
                                  + (isSpoofed(ip) ? " (the value the client sent)" : ""))
                      .orElse("no X-Real-IP"))
              .hint(
                  "proxy_set_header X-Real-IP $remote_addr; a header the client sends (or one nginx passes on because you set none) says whatever the client wants."));
    }
    var forwardedFor = echo.header("X-Forwarded-For").orElse("");
    var hops = List.of(forwardedFor.split("\\s*,\\s*"));
    var lastHop = hops.get(hops.size() - 1);
    // Judged on its own: a missing X-Real-IP is X-Real-IP's problem. Where X-Real-IP is right, the
    // two must name the same client. Dropping the client's chain ($remote_addr alone) is a choice
    // some edges make on purpose, so only the end of the chain is judged.
    if (!(isClientAddress(lastHop) && clientAddress.map(lastHop::equals).orElse(true))) {
      problems.add(
          Problem.in(CONF, "X-Forwarded-For must end with the client's address")
              .expected(
                  "X-Forwarded-For: "
                      + SPOOFED
                      + ", <client address> (the chain so far, then the address nginx saw)")
              .actual(
                  forwardedFor.isEmpty()
                      ? "no X-Forwarded-For"
                      : "X-Forwarded-For: " + forwardedFor)
              .hint("proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;"));
    }
    var proto = echo.header("X-Forwarded-Proto");
    if (proto.filter("https"::equals).isEmpty()) {
      problems.add(
          Problem.in(CONF, "the backend must learn that the client used https")
              .expected("X-Forwarded-Proto: https")
              .actual(
                  proto.map(value -> "X-Forwarded-Proto: " + value).orElse("no X-Forwarded-Proto"))
              .hint(
                  "proxy_set_header X-Forwarded-Proto $scheme; (the backend builds links and cookies from it)."));
    }
    return problems;
  }

  /** An address nginx saw: an IP address, and not one the client made up. */
  private static boolean isClientAddress(String value) {
    return value.matches("[0-9a-fA-F:.]+") && !isSpoofed(value);
  }

  private static boolean isSpoofed(String value) {
    return value.equals(SPOOFED) || value.equals(SPOOFED_REAL_IP);
  }

  /** {@code seen}: the instances that answered, in name order. */
  static List<Problem> loadBalancing(Set<String> seen) {
    if (seen.containsAll(BACKENDS)) {
      return List.of();
    }
    return List.of(
        Problem.in(CONF, "20 API requests did not reach both backends")
            .expected("answers from app1 and app2")
            .actual(seen.isEmpty() ? "no backend answered" : "answers only from " + seen)
            .hint(
                "List both servers in one upstream { server app1:8080; server app2:8080; } and proxy_pass to it."));
  }
}
