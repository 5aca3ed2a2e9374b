package dev.labkit.labs.nginxreverseproxy;

import static org.awaitility.Awaitility.await;

import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.http.HttpSpecs;
import dev.labkit.harness.nginx.NginxContainer;
import dev.labkit.harness.run.LabContext;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Assumptions;

/**
 * The failover check, on a stack of its own since it stops a backend: once both backends have
 * answered through nginx, app2 stops, and the API must soon answer six requests in a row, each
 * within {@link NginxRequests#TIMEOUT}.
 */
final class FailoverTrial {

  private static final String CONF = ReverseProxyStack.CONF_FILE;
  static final Duration RECOVERY_LIMIT = Duration.ofSeconds(20);
  static final int ANSWERS_IN_A_ROW = 6;

  private FailoverTrial() {}

  /** {@code conf}: the learner's nginx.conf, which nginx -t accepted on the shared stack. */
  static List<Problem> run(LabContext lab, String conf) {
    try (var own = ReverseProxyStack.start(lab, conf)) {
      var nginx = own.nginx().orElseThrow();
      var client = HttpSpecs.jdkClient(HttpClient.Version.HTTP_1_1);
      // Both backends must have served: nginx then knows app2's address, as it would in real life,
      // and a vanished app2 stays silent instead of failing fast.
      Assumptions.assumeTrue(
          bothBackendsAnswer(client, nginx),
          "the API does not answer from both backends through nginx yet (see checks api-prefix and load-balancing)");
      lab.console().step("stopping backend app2", own.app2::stop);
      var lastFailure =
          new AtomicReference<>("no request failed, but 6 in a row never succeeded in time");
      try {
        lab.console()
            .step(
                "waiting until the API answers 6 requests in a row with app2 down (at most 20 s)",
                () ->
                    await("API answers with app2 down")
                        .atMost(RECOVERY_LIMIT)
                        .pollInterval(Duration.ZERO)
                        .until(() -> consecutiveAnswers(client, nginx, lastFailure)));
      } catch (ConditionTimeoutException e) {
        return List.of(stillFailing(lastFailure.get()));
      }
    }
    return List.of();
  }

  static Problem stillFailing(String lastFailure) {
    return Problem.in(CONF, "with app2 stopped, API requests kept failing for 20 s")
        .expected(
            "nginx notices app2 is gone and sends every request to app1, each answered within "
                + NginxRequests.TIMEOUT.toSeconds()
                + " s")
        .actual(lastFailure)
        .hint(
            "A stopped container does not refuse connections, it stays silent: nginx waits proxy_connect_timeout (60 s by default) "
                + "before it tries the next server. Set proxy_connect_timeout 2s; and keep proxy_next_upstream's default (error timeout).");
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

  private static boolean consecutiveAnswers(
      HttpClient client, NginxContainer nginx, AtomicReference<String> lastFailure) {
    for (int i = 0; i < ANSWERS_IN_A_ROW; i++) {
      var failure = apiFailure(client, nginx);
      if (failure.isPresent()) {
        lastFailure.set(failure.get());
        return false;
      }
    }
    return true;
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
