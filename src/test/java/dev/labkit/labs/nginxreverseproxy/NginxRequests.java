package dev.labkit.labs.nginxreverseproxy;

import dev.labkit.harness.feedback.CheckFailure;
import dev.labkit.harness.feedback.Problem;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Requests the checks send to the learner's nginx with the JDK client: each one bounded by {@link
 * #TIMEOUT}; no answer at all fails the check, as the learner's to fix.
 */
final class NginxRequests {

  static final Duration TIMEOUT = Duration.ofSeconds(8);

  private NginxRequests() {}

  static <T> HttpResponse<T> send(
      HttpClient client, HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
    try {
      return client.send(request.timeout(TIMEOUT).build(), body);
    } catch (IOException e) {
      throw new CheckFailure(
          List.of(
              Problem.in(
                      ReverseProxyStack.CONF_FILE,
                      "no answer from nginx for " + request.build().uri().getPath())
                  .actual(e.toString())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
