package dev.labkit.labs.nginxreverseproxy;

import dev.labkit.harness.nginx.NginxContainer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Login attempts sent at a steady pace ({@link Pacer}), to see the rate a limit lets through rather
 * than its burst: a slow stream under the rate, a fast one over it that also reports how far apart
 * its first and last attempts really left.
 */
final class PacedLogins {

  /** What a stream brought back: statuses counted ({@link EdgeLimits#NO_ANSWER}: none). */
  record Outcome(SortedMap<Integer, Integer> statuses, Duration spread) {

    int count(int status) {
      return statuses.getOrDefault(status, 0);
    }
  }

  private final HttpClient client;
  private final NginxContainer nginx;

  PacedLogins(HttpClient client, NginxContainer nginx) {
    this.client = client;
    this.nginx = nginx;
  }

  /** {@code attempts}, each sent {@code gap} after the previous one was answered. */
  Outcome slow(int attempts, Duration gap, Duration startAfter) {
    var statuses = new TreeMap<Integer, Integer>();
    var started = new ArrayList<Instant>();
    Pacer.afterEachAnswer(
        "a slow login stream",
        startAfter,
        gap,
        startAfter.plus(gap.plus(NginxRequests.TIMEOUT).multipliedBy(attempts)),
        () -> {
          started.add(Instant.now());
          statuses.merge(attempt(started.size()).join(), 1, Integer::sum);
          return started.size() < attempts;
        });
    return new Outcome(statuses, Duration.between(started.get(0), Instant.now()));
  }

  /**
   * {@code attempts} sent on the clock, one every {@code interval}, without waiting for answers.
   */
  Outcome fast(int attempts, Duration interval) {
    var answers = new ArrayList<CompletableFuture<Integer>>();
    var sent = new ArrayList<Instant>();
    Pacer.onTheClock(
        "a fast login stream",
        interval,
        interval.multipliedBy(attempts).plus(NginxRequests.TIMEOUT),
        () -> {
          sent.add(Instant.now());
          answers.add(attempt(sent.size()));
          return sent.size() < attempts;
        });
    var statuses = new TreeMap<Integer, Integer>();
    answers.forEach(answer -> statuses.merge(answer.join(), 1, Integer::sum));
    return new Outcome(statuses, Duration.between(sent.get(0), sent.get(sent.size() - 1)));
  }

  private CompletableFuture<Integer> attempt(int number) {
    var request =
        HttpRequest.newBuilder(nginx.httpsUrl("/api/login"))
            .timeout(NginxRequests.TIMEOUT)
            .POST(HttpRequest.BodyPublishers.ofString("user=alice&password=paced" + number))
            .build();
    return client
        .sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .thenApply(HttpResponse::statusCode)
        .exceptionally(error -> EdgeLimits.NO_ANSWER);
  }
}
