package dev.labkit.labs.nginxreverseproxy;

import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.http.HttpSpecs;
import dev.labkit.harness.nginx.NginxContainer;
import dev.labkit.harness.run.LabContext;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/**
 * The failover check, on a stack of its own since it silences a backend: once both backends have
 * answered through nginx, app2 drops every packet (as a host that vanished), and for {@link
 * #WINDOW} a steady stream of API requests must each be answered by app1 within {@link
 * NginxRequests#TIMEOUT}: the first ones nginx still sends to app2, and those around its retry of
 * app2 once {@code fail_timeout} (10 s by default) has passed.
 */
final class FailoverTrial {

  private static final String CONF = ReverseProxyStack.CONF_FILE;

  /** Longer than nginx's default fail_timeout, so the stream spans one retry of the silent app2. */
  static final Duration WINDOW = Duration.ofSeconds(15);

  static final Duration GAP = Duration.ofMillis(250);

  /** A request that failed, when (after app2 went silent) and how. */
  record Failure(Duration after, String what) {}

  private FailoverTrial() {}

  /** {@code conf}: the learner's nginx.conf, which nginx -t accepted on the shared stack. */
  static List<Problem> run(LabContext lab, String conf) {
    try (var own = ReverseProxyStack.start(lab, conf)) {
      var nginx = own.nginx().orElseThrow();
      var client = HttpSpecs.jdkClient(HttpClient.Version.HTTP_1_1);
      // Both backends must have served, so nginx has app2 in its rotation when it goes silent.
      Assumptions.assumeTrue(
          bothBackendsAnswer(client, nginx),
          "the API does not answer from both backends through nginx yet (see checks api-prefix and load-balancing)");
      lab.console().step("silencing backend app2 (its packets dropped)", own.app2::silence);
      var silentSince = Instant.now();
      var failures = new ArrayList<Failure>();
      var requests = new int[1];
      lab.console()
          .step(
              "sending API requests for " + WINDOW.toSeconds() + " s with app2 silent",
              () ->
                  Pacer.afterEachAnswer(
                      "the failover stream",
                      Duration.ZERO,
                      GAP,
                      WINDOW.plus(NginxRequests.TIMEOUT).plus(GAP),
                      () -> {
                        requests[0]++;
                        apiFailure(client, nginx)
                            .ifPresent(
                                what ->
                                    failures.add(
                                        new Failure(
                                            Duration.between(silentSince, Instant.now()), what)));
                        return Duration.between(silentSince, Instant.now()).compareTo(WINDOW) < 0;
                      }));
      return judge(failures, requests[0]);
    }
  }

  /** {@code failures} among {@code requests} sent over {@link #WINDOW} with app2 silent. */
  static List<Problem> judge(List<Failure> failures, int requests) {
    if (failures.isEmpty()) {
      return List.of();
    }
    var shown =
        failures.stream()
            .limit(5)
            .map(
                failure ->
                    String.format(
                        Locale.ROOT,
                        "%.1f s after: %s",
                        failure.after().toMillis() / 1000.0,
                        failure.what()))
            .collect(Collectors.joining("; "));
    return List.of(
        Problem.in(
                CONF,
                "with app2 silent, "
                    + failures.size()
                    + " of "
                    + requests
                    + " API requests over "
                    + WINDOW.toSeconds()
                    + " s failed")
            .expected(
                "every request answered by app1 within "
                    + NginxRequests.TIMEOUT.toSeconds()
                    + " s, including those nginx first sends to app2")
            .actual(shown + (failures.size() > 5 ? "; …" : ""))
            .hint(
                "A vanished server does not refuse connections, it stays silent: nginx waits proxy_connect_timeout (60 s by default) "
                    + "before it tries the next server. Set proxy_connect_timeout 2s; and keep proxy_next_upstream's default (error timeout), "
                    + "so the request nginx sent to the dead server is retried on the next one instead of failing."));
  }

  private static boolean bothBackendsAnswer(HttpClient client, NginxContainer nginx) {
    var seen = new TreeSet<String>();
    for (int i = 0; i < 20 && seen.size() < 2; i++) {
      try {
        var response = ping(client, nginx);
        EchoReply.parse(response.body()).map(EchoReply::instance).ifPresent(seen::add);
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return seen.size() == 2;
  }

  /** Empty when the API answered with an echo; otherwise what went wrong, for the message. */
  private static Optional<String> apiFailure(HttpClient client, NginxContainer nginx) {
    try {
      var response = ping(client, nginx);
      return response.statusCode() == 200 && EchoReply.parse(response.body()).isPresent()
          ? Optional.empty()
          : Optional.of("a request got " + response.statusCode());
    } catch (IOException e) {
      return Optional.of(
          "a request got no answer within "
              + NginxRequests.TIMEOUT.toSeconds()
              + " s ("
              + e.getClass().getSimpleName()
              + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted");
    }
  }

  private static HttpResponse<String> ping(HttpClient client, NginxContainer nginx)
      throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(nginx.httpsUrl("/api/ping")).timeout(NginxRequests.TIMEOUT).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
