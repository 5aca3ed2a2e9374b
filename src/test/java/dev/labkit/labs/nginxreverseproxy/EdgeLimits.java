package dev.labkit.labs.nginxreverseproxy;

import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.http.HttpSpecs;
import dev.labkit.harness.nginx.NginxContainer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * The rate-limit and body-size checks: what nginx refuses at the edge, before a backend sees it.
 */
final class EdgeLimits {

  private static final String CONF = ReverseProxyStack.CONF_FILE;
  static final int LOGIN_ATTEMPTS = 20;
  static final int FIVE_MB = 5 * 1024 * 1024;

  /** The README's limit: 5 requests per second per client, with a burst of 5. */
  static final int RATE_PER_SECOND = 5;

  static final int BURST = 5;

  /**
   * After the burst, the slow stream starts once a 5 r/s limit has let the burst's excess drain
   * (one second), with room to spare.
   */
  static final Duration BUCKET_DRAINS = Duration.ofSeconds(2);

  /** About 3 attempts a second, each after the last was answered: under the limit. */
  static final int SLOW_ATTEMPTS = 9;

  static final Duration SLOW_GAP = Duration.ofMillis(330);

  /** 10 attempts a second for 4 seconds: twice the limit. */
  static final int FAST_ATTEMPTS = 40;

  static final Duration FAST_INTERVAL = Duration.ofMillis(100);

  /** What the burst's requests that got no answer count as. */
  static final int NO_ANSWER = -1;

  private EdgeLimits() {}

  static List<Problem> loginRateLimit(NginxContainer nginx) {
    // One HTTP/2 connection, opened first: the 20 attempts then leave together instead of waiting
    // for 20 TLS handshakes, which on a busy machine could spread them over more than a second.
    var client = HttpSpecs.jdkClient(HttpClient.Version.HTTP_2);
    NginxRequests.send(
        client,
        HttpRequest.newBuilder(nginx.httpsUrl("/")),
        HttpResponse.BodyHandlers.discarding());
    var futures = new ArrayList<CompletableFuture<Integer>>();
    for (int i = 0; i < LOGIN_ATTEMPTS; i++) {
      var request =
          HttpRequest.newBuilder(nginx.httpsUrl("/api/login"))
              .timeout(NginxRequests.TIMEOUT)
              .POST(HttpRequest.BodyPublishers.ofString("user=alice&password=guess" + i))
              .build();
      futures.add(
          client
              .sendAsync(request, HttpResponse.BodyHandlers.discarding())
              .thenApply(HttpResponse::statusCode)
              .exceptionally(error -> NO_ANSWER));
    }
    var statuses = new TreeMap<Integer, Integer>();
    futures.forEach(future -> statuses.merge(future.join(), 1, Integer::sum));
    var problems = new ArrayList<>(rateLimit(statuses));
    if (!statuses.containsKey(429)) {
      return problems; // no limit answers 429 yet: the burst's problem says what to write
    }
    var paced = new PacedLogins(client, nginx);
    problems.addAll(underTheRate(paced.slow(SLOW_ATTEMPTS, SLOW_GAP, BUCKET_DRAINS)));
    problems.addAll(overTheRate(paced.fast(FAST_ATTEMPTS, FAST_INTERVAL)));
    return problems;
  }

  static List<Problem> uploads(NginxContainer nginx) {
    var client = HttpSpecs.jdkClient(HttpClient.Version.HTTP_1_1);
    var problems = new ArrayList<Problem>();
    var allowed = upload(client, nginx, FIVE_MB);
    problems.addAll(allowedUpload(allowed.statusCode(), allowed.body()));
    var tooLarge = upload(client, nginx, FIVE_MB + 1024 * 1024);
    problems.addAll(tooLargeUpload(tooLarge.statusCode()));
    return problems;
  }

  private static HttpResponse<String> upload(HttpClient client, NginxContainer nginx, int bytes) {
    var request =
        HttpRequest.newBuilder(nginx.httpsUrl("/api/upload"))
            .header("Content-Type", "application/octet-stream")
            .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[bytes]));
    return NginxRequests.send(client, request, HttpResponse.BodyHandlers.ofString());
  }

  /** {@code statuses}: how many of the 20 attempts got which status ({@link #NO_ANSWER}: none). */
  static List<Problem> rateLimit(SortedMap<Integer, Integer> statuses) {
    int passed = statuses.getOrDefault(200, 0);
    int limited = statuses.getOrDefault(429, 0);
    if (passed >= 5 && passed <= 10 && limited >= 8 && passed + limited == LOGIN_ATTEMPTS) {
      return List.of();
    }
    var problem =
        Problem.in(
                CONF,
                "20 login attempts at once must meet a limit of 5 per second with a burst of 5")
            .expected("about 6 answered (1 + a burst of 5), the rest 429 Too Many Requests")
            .actual(describe(statuses));
    return List.of(
        statuses.containsKey(503)
            ? problem.hint("nginx rejects with 503 unless told otherwise: limit_req_status 429;")
            : problem
                .hint(
                    "A shared-memory zone keyed on the client's address (limit_req_zone, in http {}) holds the rate;"
                        + " limit_req in the login location applies it, with a burst and nodelay.")
                .example(
                    "limit_req_zone $binary_remote_addr zone=login:10m rate=5r/s; in http {}, then limit_req zone=login burst=5 nodelay; in location = /api/login."));
  }

  /** A stream slower than the limit: every attempt must be answered. */
  static List<Problem> underTheRate(PacedLogins.Outcome slow) {
    if (slow.count(200) == SLOW_ATTEMPTS) {
      return List.of();
    }
    return List.of(
        Problem.in(
                CONF,
                "login attempts at about 3 per second, under the limit of 5, must all be answered")
            .expected(SLOW_ATTEMPTS + " × 200")
            .actual(describe(slow.statuses()))
            .hint(
                "The rate is what a client may keep up for ever, the burst only absorbs a peak: rate=5r/s (or 300r/m) in limit_req_zone lets 3 attempts a second through."));
  }

  /**
   * A stream twice the limit: what a 5 r/s limit lets through is 1 + the burst + 5 per second of
   * the time the stream took, and a third more for clocks and scheduling; a higher rate lets more.
   */
  static List<Problem> overTheRate(PacedLogins.Outcome fast) {
    double seconds = fast.spread().toMillis() / 1000.0;
    int mostAnswered = 1 + BURST + (int) Math.ceil(RATE_PER_SECOND * seconds * 4 / 3);
    if (fast.count(200) <= mostAnswered && fast.count(200) + fast.count(429) == FAST_ATTEMPTS) {
      return List.of();
    }
    return List.of(
        Problem.in(
                CONF,
                "login attempts at 10 per second must be held to 5 per second, the rest refused")
            .expected(
                String.format(
                    Locale.ROOT,
                    "at most %d of %d answered over %.1f s (1 + a burst of %d + %d per second), the rest 429",
                    mostAnswered,
                    FAST_ATTEMPTS,
                    seconds,
                    BURST,
                    RATE_PER_SECOND))
            .actual(describe(fast.statuses()))
            .hint(
                "limit_req_zone ... rate=5r/s; the rate is the steady number of requests a client may make; a higher one lets a password-guessing script through."));
  }

  /** {@code body}: what came back for the 5 MB upload. */
  static List<Problem> allowedUpload(int status, String body) {
    var reply = status == 200 ? EchoReply.parse(body) : Optional.<EchoReply>empty();
    if (reply.map(EchoReply::bodySize).filter(size -> size == FIVE_MB).isPresent()) {
      return List.of();
    }
    return List.of(
        Problem.in(CONF, "a 5 MB upload to /api/upload must reach the backend whole")
            .expected("200, and the backend received " + FIVE_MB + " bytes")
            .actual(
                status
                    + reply
                        .map(echo -> ", the backend received " + echo.bodySize() + " bytes")
                        .orElse(""))
            .hint("nginx accepts 1 MB bodies by default: client_max_body_size 5m; for the API."));
  }

  static List<Problem> tooLargeUpload(int status) {
    if (status == 413) {
      return List.of();
    }
    return List.of(
        Problem.in(CONF, "a 6 MB upload must be refused by nginx before it reaches a backend")
            .expected("413 Request Entity Too Large")
            .actual(String.valueOf(status))
            .hint("client_max_body_size 5m; (0 would mean no limit at all)."));
  }

  private static String describe(SortedMap<Integer, Integer> statuses) {
    var parts = new ArrayList<String>();
    statuses.forEach(
        (status, count) -> parts.add(count + " × " + (status < 0 ? "no answer" : status)));
    return String.join(", ", parts);
  }
}
