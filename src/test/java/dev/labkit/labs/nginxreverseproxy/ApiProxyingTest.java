package dev.labkit.labs.nginxreverseproxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.labkit.harness.feedback.Problem;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ApiProxyingTest {

  private static List<String> messages(List<Problem> problems) {
    return problems.stream().map(Problem::message).toList();
  }

  @Test
  void theSolutionStripsThePrefix() {
    assertThat(ApiProxying.prefixStripped(RecordedNginx.echo("orders-solution.json"))).isEmpty();
  }

  @Test
  void aKeptPrefixShowsWhatTheBackendSaw() {
    var problems = ApiProxying.prefixStripped(RecordedNginx.echo("orders-api-prefix-kept.json"));

    assertThat(problems)
        .singleElement()
        .satisfies(p -> assertThat(p.actual()).isEqualTo("the backend saw /api/orders?id=7"));
  }

  @Test
  void nginxAnsweringItselfIsNoBackend() {
    var badGateway =
        new NginxAnswer(502, "text/html", "<html>\n<head><title>502 Bad Gateway</title></head>");

    assertThat(ApiProxying.prefixStripped(badGateway))
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.actual())
                    .isEqualTo("no backend answered: 502 text/html, body: <html>"));
    assertThat(messages(ApiProxying.forwardedHeaders(badGateway)))
        .containsExactly("no backend answered GET /api/whoami");
  }

  @Test
  void theSolutionForwardsHostAddressAndScheme() {
    assertThat(ApiProxying.forwardedHeaders(RecordedNginx.echo("whoami-solution.json"))).isEmpty();
  }

  @Test
  void theUpstreamsNameAsHostIsNamed() {
    var problems =
        ApiProxying.forwardedHeaders(RecordedNginx.echo("whoami-host-not-forwarded.json"));

    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message())
                  .isEqualTo("the backend must see the Host the browser asked for");
              assertThat(p.actual()).isEqualTo("Host: api_backends");
            });
  }

  @Test
  void trustingTheClientsHeadersFailsEveryAddressRule() {
    var echo =
        """
        {"instance": "app1", "method": "GET", "path": "/whoami", "query": "",
         "headers": {"Host": "localhost", "X-Real-IP": "203.0.113.7",
                     "X-Forwarded-For": "203.0.113.7"}, "bodySize": 0}
        """;

    assertThat(
            messages(ApiProxying.forwardedHeaders(new NginxAnswer(200, "application/json", echo))))
        .containsExactly(
            "the backend must get the client's address in X-Real-IP",
            "X-Forwarded-For must end with the client's address",
            "the backend must learn that the client used https");
  }

  @Test
  void aMissingRealIpIsNotAnXForwardedForProblem() {
    var echo =
        """
        {"instance": "app1", "method": "GET", "path": "/whoami", "query": "",
         "headers": {"Host": "localhost", "X-Forwarded-For": "203.0.113.7, 172.20.0.1",
                     "X-Forwarded-Proto": "https"}, "bodySize": 0}
        """;

    assertThat(
            messages(ApiProxying.forwardedHeaders(new NginxAnswer(200, "application/json", echo))))
        .containsExactly("the backend must get the client's address in X-Real-IP");
  }

  @Test
  void aRealIpTheClientSentIsNamedAsTheClients() {
    // What nginx 1.26.3 passed on with proxy_set_header X-Real-IP $http_x_real_ip; (mistake
    // real-ip-from-client), and with no X-Real-IP line at all (real-ip-missing): the client's own.
    var echo =
        """
        {"instance": "app1", "method": "GET", "path": "/whoami", "query": "",
         "headers": {"Host": "localhost", "X-Real-IP": "203.0.113.9",
                     "X-Forwarded-For": "203.0.113.7, 172.20.0.1", "X-Forwarded-Proto": "https"},
         "bodySize": 0}
        """;

    assertThat(ApiProxying.forwardedHeaders(new NginxAnswer(200, "application/json", echo)))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message())
                  .isEqualTo("the backend must get the client's address in X-Real-IP");
              assertThat(p.actual())
                  .isEqualTo("X-Real-IP: 203.0.113.9 (the value the client sent)");
            });
  }

  @Test
  void anEdgeThatDropsTheClientsChainStillNamesTheClient() {
    var echo =
        """
        {"instance": "app1", "method": "GET", "path": "/whoami", "query": "",
         "headers": {"Host": "localhost", "X-Real-IP": "172.20.0.1",
                     "X-Forwarded-For": "172.20.0.1", "X-Forwarded-Proto": "https"},
         "bodySize": 0}
        """;

    assertThat(ApiProxying.forwardedHeaders(new NginxAnswer(200, "application/json", echo)))
        .isEmpty();
  }

  @Test
  void twoHeadersNamingDifferentClientsFailXForwardedFor() {
    var echo =
        """
        {"instance": "app1", "method": "GET", "path": "/whoami", "query": "",
         "headers": {"Host": "localhost", "X-Real-IP": "172.20.0.1",
                     "X-Forwarded-For": "203.0.113.7, 172.20.0.9", "X-Forwarded-Proto": "https"},
         "bodySize": 0}
        """;

    assertThat(
            messages(ApiProxying.forwardedHeaders(new NginxAnswer(200, "application/json", echo))))
        .containsExactly("X-Forwarded-For must end with the client's address");
  }

  @Test
  void oneBackendIsNotBalancing() {
    assertThat(ApiProxying.loadBalancing(new TreeSet<>(List.of("app1", "app2")))).isEmpty();
    assertThat(ApiProxying.loadBalancing(new TreeSet<>(List.of("app1"))))
        .singleElement()
        .satisfies(p -> assertThat(p.actual()).isEqualTo("answers only from [app1]"));
    assertThat(ApiProxying.loadBalancing(new TreeSet<>()))
        .singleElement()
        .satisfies(p -> assertThat(p.actual()).isEqualTo("no backend answered"));
  }
}
