package dev.labkit.labs.nginxreverseproxy;

import static org.awaitility.Awaitility.await;

import dev.labkit.harness.feedback.CheckFailure;
import dev.labkit.harness.feedback.Feedback;
import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.http.HttpSpecs;
import dev.labkit.harness.http.KitCertificate;
import dev.labkit.harness.lab.Check;
import dev.labkit.harness.lab.Lab;
import dev.labkit.harness.nginx.NginxContainer;
import dev.labkit.harness.nginx.NginxDirectives;
import dev.labkit.harness.run.LabContext;
import io.restassured.response.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * Checks of the nginx-reverse-proxy lab: the learner's complete nginx.conf in front of the lab's
 * static site and two echo backends ({@link ReverseProxyStack}). Checks share one stack, except
 * {@code failover}, which stops a backend and so gets a stack of its own.
 */
@Lab("nginx-reverse-proxy")
class NginxReverseProxyChecks {

  static final String CONF = ReverseProxyStack.CONF_FILE;
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(8);
  static final long ONE_YEAR_SECONDS = 31_536_000;
  static final int FIVE_MB = 5 * 1024 * 1024;
  static final Pattern MAX_AGE = Pattern.compile("max-age=\"?(\\d+)", Pattern.CASE_INSENSITIVE);

  private LabContext lab;

  @BeforeAll
  void open(LabContext lab) {
    this.lab = lab;
  }

  @Check("config-valid")
  void nginxAcceptsTheConfiguration() {
    var feedback = new Feedback();
    lab.workspace().readText(CONF, feedback);
    feedback.assertNone();
    stack().configProblems.forEach(feedback::add);
    feedback.assertNone();
  }

  @Check("http-redirect")
  void portEightyRedirectsButHealthz() {
    var nginx = nginx();
    var feedback = new Feedback();
    requirePlainHttp(nginx);
    var health = HttpSpecs.http(nginx.getMappedPort(NginxContainer.HTTP_PORT)).get("/healthz");
    feedback.expect(
        health.statusCode() == 200 && health.asString().trim().equals("ok"),
        () ->
            Problem.in(
                    CONF,
                    "GET http://…/healthz must answer 200 with the body ok, for load balancers that speak plain HTTP")
                .expected("200 ok")
                .actual(describe(health))
                .hint(
                    "Give port 80 an exact-match location: location = /healthz { return 200 \"ok\"; }, and redirect in location / only."));
    for (var pathAndQuery : List.of("/", "/shop/orders?id=7&sort=new")) {
      var response =
          HttpSpecs.http(nginx.getMappedPort(NginxContainer.HTTP_PORT)).get(pathAndQuery);
      var location = Optional.ofNullable(response.header("Location")).map(URI::create);
      boolean redirected =
          response.statusCode() == 301
              && location
                  .map(
                      uri ->
                          "https".equals(uri.getScheme())
                              && pathAndQuery.equals(
                                  uri.getRawPath()
                                      + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())))
                  .orElse(false);
      feedback.expect(
          redirected,
          () ->
              Problem.in(
                      CONF,
                      "GET http://…"
                          + pathAndQuery
                          + " must be redirected permanently to the same path on https")
                  .expected("301 with Location: https://localhost" + pathAndQuery)
                  .actual(
                      response.statusCode()
                          + location.map(uri -> " Location: " + uri).orElse(" without Location"))
                  .hint(
                      "return 301 https://$host$request_uri; keeps path and query; 302 would be temporary, and browsers would not remember it."));
    }
    feedback.assertNone();
  }

  @Check("tls")
  void tlsIsModernWithHttp2AndHsts() {
    var nginx = nginx();
    var feedback = new Feedback();
    int port = nginx.getMappedPort(NginxContainer.HTTPS_PORT);
    for (var protocol : List.of("TLSv1.3", "TLSv1.2")) {
      handshake(port, protocol)
          .ifPresent(
              error ->
                  feedback.add(
                      Problem.in(CONF, "a " + protocol + " handshake on port 443 failed")
                          .expected(
                              "nginx serves TLS 1.2 and 1.3 with /etc/nginx/certs/lab.crt and lab.key")
                          .actual(error)
                          .hint(
                              "listen 443 ssl; ssl_certificate /etc/nginx/certs/lab.crt; ssl_certificate_key /etc/nginx/certs/lab.key;")));
    }
    // This JVM (like today's browsers) refuses TLS 1.0/1.1 itself, so a handshake cannot show that
    // nginx would still offer them: the effective configuration can.
    for (var use : NginxDirectives.find(nginx.effectiveConfiguration(), "ssl_protocols")) {
      var outdated =
          use.arguments().stream()
              .filter(version -> List.of("SSLv2", "SSLv3", "TLSv1", "TLSv1.1").contains(version))
              .toList();
      feedback.expect(
          outdated.isEmpty(),
          () ->
              Problem.in(CONF, "ssl_protocols still enables " + String.join(" and ", outdated))
                  .at(use.file().equals(NginxContainer.CONF_PATH) ? use.line() : null, null)
                  .expected("ssl_protocols TLSv1.2 TLSv1.3;")
                  .actual("ssl_protocols " + String.join(" ", use.arguments()) + ";")
                  .hint(
                      "TLS 1.0 and 1.1 are broken and refused by every current browser; leave them out."));
    }
    try {
      var response =
          HttpSpecs.jdkClient(HttpClient.Version.HTTP_2)
              .send(
                  HttpRequest.newBuilder(nginx.httpsUrl("/")).timeout(REQUEST_TIMEOUT).build(),
                  HttpResponse.BodyHandlers.discarding());
      feedback.expect(
          response.version() == HttpClient.Version.HTTP_2,
          () ->
              Problem.in(CONF, "port 443 does not offer HTTP/2")
                  .expected("HTTP/2, agreed by ALPN during the TLS handshake")
                  .actual(response.version().toString())
                  .hint(
                      "Add http2 on; to the server block (nginx 1.25.1+), or listen 443 ssl http2;."));
      var hsts = response.headers().firstValue("Strict-Transport-Security");
      var maxAge = hsts.flatMap(NginxReverseProxyChecks::maxAge);
      feedback.expect(
          maxAge.filter(seconds -> seconds >= ONE_YEAR_SECONDS).isPresent(),
          () ->
              Problem.in(
                      CONF,
                      "HTTPS responses must tell browsers to stay on HTTPS for at least a year")
                  .expected("Strict-Transport-Security: max-age=31536000 (or more)")
                  .actual(
                      hsts.map(value -> "Strict-Transport-Security: " + value)
                          .orElse("no Strict-Transport-Security header"))
                  .hint(
                      "add_header Strict-Transport-Security \"max-age=31536000\" always; in the 443 server."));
    } catch (IOException e) {
      feedback.add(Problem.in(CONF, "no HTTPS response from port 443").actual(e.toString()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    feedback.assertNone();
  }

  @Check("static-site")
  void staticSiteAndItsNotFoundPage() {
    var https = port(NginxContainer.HTTPS_PORT);
    var feedback = new Feedback();
    var home = HttpSpecs.https(https).get("/");
    feedback.expect(
        home.statusCode() == 200
            && home.contentType().startsWith("text/html")
            && home.asString().contains("labkit: index.html"),
        () ->
            Problem.in(CONF, "GET https://…/ must serve the site's index.html as text/html")
                .expected(
                    "200, Content-Type: text/html, the page from /usr/share/nginx/html/index.html")
                .actual(describe(home))
                .hint(
                    "root /usr/share/nginx/html; index index.html; and include /etc/nginx/mime.types; in http {}."));
    var missing = HttpSpecs.https(https).get("/no-such-page.html");
    feedback.expect(
        missing.statusCode() == 404 && missing.asString().contains("labkit: 404.html"),
        () ->
            Problem.in(CONF, "an unknown page must answer 404 with the site's own 404.html")
                .expected("404 and the page /usr/share/nginx/html/404.html")
                .actual(
                    missing.statusCode()
                        + (missing.asString().contains("labkit: 404.html")
                            ? " with 404.html"
                            : " with another page (nginx's own?)"))
                .hint("error_page 404 /404.html; in the 443 server."));
    feedback.assertNone();
  }

  @Check("asset-caching")
  void assetsAreCacheable() {
    var https = port(NginxContainer.HTTPS_PORT);
    var feedback = new Feedback();
    for (var asset : List.of("/assets/app.css", "/assets/app.js")) {
      var response = HttpSpecs.https(https).get(asset);
      var cacheControl = Optional.ofNullable(response.header("Cache-Control"));
      feedback.expect(
          response.statusCode() == 200
              && cacheControl
                  .flatMap(NginxReverseProxyChecks::maxAge)
                  .filter(age -> age >= 86_400)
                  .isPresent(),
          () ->
              Problem.in(CONF, asset + " must be cacheable for at least a day")
                  .expected("200 with Cache-Control: max-age=86400 or more")
                  .actual(
                      response.statusCode()
                          + cacheControl
                              .map(value -> ", Cache-Control: " + value)
                              .orElse(", no Cache-Control"))
                  .hint("location /assets/ { expires 7d; } sets Cache-Control: max-age for you."));
    }
    feedback.assertNone();
  }

  @Check("gzip")
  void textIsCompressed() {
    var nginx = httpsNginx();
    var feedback = new Feedback();
    var client = HttpSpecs.jdkClient(HttpClient.Version.HTTP_1_1);
    var samples =
        Map.of(
            "/assets/app.css",
            "CSS",
            "/assets/app.js",
            "JavaScript",
            "/api/catalog.json",
            "JSON from the API");
    for (var sample : new TreeMap<>(samples).entrySet()) {
      var response =
          send(
              client,
              HttpRequest.newBuilder(nginx.httpsUrl(sample.getKey()))
                  .header("Accept-Encoding", "gzip"),
              HttpResponse.BodyHandlers.discarding());
      var encoding = response.headers().firstValue("Content-Encoding");
      feedback.expect(
          response.statusCode() == 200 && encoding.filter("gzip"::equalsIgnoreCase).isPresent(),
          () ->
              Problem.in(
                      CONF,
                      sample.getValue()
                          + " ("
                          + sample.getKey()
                          + ") is not gzip-compressed for a client that accepts gzip")
                  .expected("200 with Content-Encoding: gzip")
                  .actual(
                      response.statusCode()
                          + " "
                          + response.headers().firstValue("Content-Type").orElse("")
                          + encoding
                              .map(value -> ", Content-Encoding: " + value)
                              .orElse(", not compressed"))
                  .hint(
                      sample.getKey().startsWith("/api/")
                          ? "List application/json in gzip_types; responses from the backends are compressed like files."
                          : "gzip on; compresses only text/html until gzip_types lists more: gzip_types text/css application/javascript application/json;"));
    }
    feedback.assertNone();
  }

  @Check("api-prefix")
  void apiPrefixIsStripped() {
    var feedback = new Feedback();
    var response = HttpSpecs.https(port(NginxContainer.HTTPS_PORT)).get("/api/orders?id=7");
    var reply = EchoReply.parse(response.asString());
    feedback.expect(
        reply.map(EchoReply::pathAndQuery).filter("/orders?id=7"::equals).isPresent(),
        () ->
            Problem.in(CONF, "/api/orders?id=7 must reach a backend as /orders?id=7")
                .expected("the backend sees /orders?id=7")
                .actual(
                    reply
                        .map(echo -> "the backend saw " + echo.pathAndQuery())
                        .orElse("no backend answered: " + describe(response)))
                .hint(
                    "With a URI part in proxy_pass (proxy_pass http://backend/;) nginx replaces the matched location prefix /api/ with /."));
    feedback.assertNone();
  }

  @Check("forwarded-headers")
  void backendsLearnWhoAsked() {
    var feedback = new Feedback();
    var spoofed = "203.0.113.7";
    var response =
        HttpSpecs.https(port(NginxContainer.HTTPS_PORT))
            .header("X-Forwarded-For", spoofed)
            .get("/api/whoami");
    var reply = EchoReply.parse(response.asString());
    if (reply.isEmpty()) {
      throw new CheckFailure(
          List.of(
              Problem.in(CONF, "no backend answered GET /api/whoami")
                  .actual(describe(response))
                  .hint("Proxy /api/ to the upstream of app1:8080 and app2:8080.")));
    }
    var echo = reply.get();
    var host = echo.header("Host").orElse("(none)");
    feedback.expect(
        host.equals("localhost") || host.startsWith("localhost:"),
        () ->
            Problem.in(CONF, "the backend must see the Host the browser asked for")
                .expected("Host: localhost")
                .actual("Host: " + host)
                .hint("proxy_set_header Host $host; otherwise nginx sends the upstream's name."));
    var realIp = echo.header("X-Real-IP");
    feedback.expect(
        realIp.filter(ip -> ip.matches("[0-9a-fA-F:.]+") && !ip.equals(spoofed)).isPresent(),
        () ->
            Problem.in(CONF, "the backend must get the client's address in X-Real-IP")
                .expected(
                    "X-Real-IP: the address nginx saw ($remote_addr), not a value the client sent")
                .actual(realIp.map(ip -> "X-Real-IP: " + ip).orElse("no X-Real-IP"))
                .hint("proxy_set_header X-Real-IP $remote_addr;"));
    var forwardedFor = echo.header("X-Forwarded-For").orElse("");
    var hops = List.of(forwardedFor.split("\\s*,\\s*"));
    feedback.expect(
        realIp.isPresent() && hops.get(hops.size() - 1).equals(realIp.get()),
        () ->
            Problem.in(CONF, "X-Forwarded-For must end with the client's address")
                .expected(
                    "X-Forwarded-For: "
                        + spoofed
                        + ", <client address> (the chain so far, then the address nginx saw)")
                .actual(
                    forwardedFor.isEmpty()
                        ? "no X-Forwarded-For"
                        : "X-Forwarded-For: " + forwardedFor)
                .hint("proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;"));
    var proto = echo.header("X-Forwarded-Proto");
    feedback.expect(
        proto.filter("https"::equals).isPresent(),
        () ->
            Problem.in(CONF, "the backend must learn that the client used https")
                .expected("X-Forwarded-Proto: https")
                .actual(
                    proto
                        .map(value -> "X-Forwarded-Proto: " + value)
                        .orElse("no X-Forwarded-Proto"))
                .hint(
                    "proxy_set_header X-Forwarded-Proto $scheme; (the backend builds links and cookies from it)."));
    feedback.assertNone();
  }

  @Check("load-balancing")
  void requestsReachBothBackends() {
    var https = port(NginxContainer.HTTPS_PORT);
    var seen = new TreeSet<String>();
    for (int i = 0; i < 20 && seen.size() < 2; i++) {
      EchoReply.parse(HttpSpecs.https(https).get("/api/balance/" + i).asString())
          .map(EchoReply::instance)
          .ifPresent(seen::add);
    }
    var feedback = new Feedback();
    feedback.expect(
        seen.containsAll(List.of("app1", "app2")),
        () ->
            Problem.in(CONF, "20 API requests did not reach both backends")
                .expected("answers from app1 and app2")
                .actual(seen.isEmpty() ? "no backend answered" : "answers only from " + seen)
                .hint(
                    "List both servers in one upstream { server app1:8080; server app2:8080; } and proxy_pass to it."));
    feedback.assertNone();
  }

  @Check("failover")
  void apiSurvivesABackendGoingDown() {
    httpsNginx(); // skipped unless the shared stack serves HTTPS: then a second one is worth
    // starting
    var conf = lab.workspace().readText(CONF, new Feedback()).orElseThrow();
    var feedback = new Feedback();
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
                        .atMost(Duration.ofSeconds(20))
                        .pollInterval(Duration.ZERO)
                        .until(() -> consecutiveAnswers(client, nginx, 6, lastFailure)));
      } catch (ConditionTimeoutException e) {
        feedback.add(
            Problem.in(CONF, "with app2 stopped, API requests kept failing for 20 s")
                .expected(
                    "nginx notices app2 is gone and sends every request to app1, each answered within "
                        + REQUEST_TIMEOUT.toSeconds()
                        + " s")
                .actual(lastFailure.get())
                .hint(
                    "A stopped container does not refuse connections, it stays silent: nginx waits proxy_connect_timeout (60 s by default) "
                        + "before it tries the next server. Set proxy_connect_timeout 2s; and keep proxy_next_upstream's default (error timeout)."));
      }
    }
    feedback.assertNone();
  }

  @Check("rate-limit")
  void loginIsRateLimited() {
    var nginx = httpsNginx();
    // One HTTP/2 connection, opened first: the 20 attempts then leave together instead of waiting
    // for 20 TLS handshakes, which on a busy machine could spread them over more than a second.
    var client = HttpSpecs.jdkClient(HttpClient.Version.HTTP_2);
    send(
        client,
        HttpRequest.newBuilder(nginx.httpsUrl("/")),
        HttpResponse.BodyHandlers.discarding());
    var futures = new ArrayList<CompletableFuture<Integer>>();
    for (int i = 0; i < 20; i++) {
      var request =
          HttpRequest.newBuilder(nginx.httpsUrl("/api/login"))
              .timeout(REQUEST_TIMEOUT)
              .POST(HttpRequest.BodyPublishers.ofString("user=alice&password=guess" + i))
              .build();
      futures.add(
          client
              .sendAsync(request, HttpResponse.BodyHandlers.discarding())
              .thenApply(HttpResponse::statusCode)
              .exceptionally(error -> -1));
    }
    var statuses = new TreeMap<Integer, Integer>();
    futures.forEach(future -> statuses.merge(future.join(), 1, Integer::sum));
    int passed = statuses.getOrDefault(200, 0);
    int limited = statuses.getOrDefault(429, 0);
    var feedback = new Feedback();
    feedback.expect(
        passed >= 5 && passed <= 10 && limited >= 8 && passed + limited == 20,
        () ->
            Problem.in(
                    CONF,
                    "20 login attempts at once must meet a limit of 5 per second with a burst of 5")
                .expected("about 6 answered (1 + a burst of 5), the rest 429 Too Many Requests")
                .actual(describeStatuses(statuses))
                .hint(
                    statuses.containsKey(503)
                        ? "nginx rejects with 503 unless told otherwise: limit_req_status 429;"
                        : "limit_req_zone $binary_remote_addr zone=login:10m rate=5r/s; in http {}, then limit_req zone=login burst=5 nodelay; in location = /api/login."));
    feedback.assertNone();
  }

  @Check("body-size")
  void uploadsUpToFiveMegabytes() {
    var nginx = httpsNginx();
    var client = HttpSpecs.jdkClient(HttpClient.Version.HTTP_1_1);
    var feedback = new Feedback();
    var allowed = upload(client, nginx, FIVE_MB);
    var reply =
        allowed.statusCode() == 200 ? EchoReply.parse(allowed.body()) : Optional.<EchoReply>empty();
    feedback.expect(
        reply.map(EchoReply::bodySize).filter(size -> size == FIVE_MB).isPresent(),
        () ->
            Problem.in(CONF, "a 5 MB upload to /api/upload must reach the backend whole")
                .expected("200, and the backend received " + FIVE_MB + " bytes")
                .actual(
                    allowed.statusCode()
                        + reply
                            .map(echo -> ", the backend received " + echo.bodySize() + " bytes")
                            .orElse(""))
                .hint(
                    "nginx accepts 1 MB bodies by default: client_max_body_size 5m; for the API."));
    var tooLarge = upload(client, nginx, FIVE_MB + 1024 * 1024);
    feedback.expect(
        tooLarge.statusCode() == 413,
        () ->
            Problem.in(CONF, "a 6 MB upload must be refused by nginx before it reaches a backend")
                .expected("413 Request Entity Too Large")
                .actual(String.valueOf(tooLarge.statusCode()))
                .hint("client_max_body_size 5m; (0 would mean no limit at all)."));
    feedback.assertNone();
  }

  @Check("websocket")
  void webSocketIsProxied() {
    var nginx = httpsNginx();
    var feedback = new Feedback();
    var received = new CompletableFuture<String>();
    try {
      var socket =
          HttpSpecs.jdkClient(HttpClient.Version.HTTP_1_1)
              .newWebSocketBuilder()
              .connectTimeout(REQUEST_TIMEOUT)
              .buildAsync(
                  URI.create(
                      "wss://localhost:" + nginx.getMappedPort(NginxContainer.HTTPS_PORT) + "/ws"),
                  new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(
                        WebSocket webSocket, CharSequence data, boolean last) {
                      received.complete(data.toString());
                      return null;
                    }
                  })
              .get(REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      socket.sendText("labkit says hello", true);
      var echoed = received.get(REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      feedback.expect(
          echoed.equals("labkit says hello"),
          () ->
              Problem.in(CONF, "the WebSocket answered, but not with the echo")
                  .expected("labkit says hello")
                  .actual(echoed));
      socket.abort();
    } catch (Exception e) {
      var cause = e.getCause() != null ? e.getCause() : e;
      feedback.add(
          Problem.in(CONF, "a WebSocket to wss://…/ws did not open and echo")
              .expected("the upgrade succeeds (101) and a message comes back")
              .actual(
                  cause.getClass().getSimpleName()
                      + (cause.getMessage() == null ? "" : ": " + cause.getMessage()))
              .hint(
                  "WebSocket needs HTTP/1.1 and the hop-by-hop upgrade headers passed on: proxy_http_version 1.1; "
                      + "proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection \"upgrade\";"));
    }
    feedback.assertNone();
  }

  @Check("security-headers")
  void noVersionAndProtectiveHeaders() {
    var feedback = new Feedback();
    var home = HttpSpecs.https(port(NginxContainer.HTTPS_PORT)).get("/");
    var server = Optional.ofNullable(home.header("Server")).orElse("");
    feedback.expect(
        !server.matches(".*\\d.*"),
        () ->
            Problem.in(CONF, "the Server header tells attackers the exact nginx version")
                .expected("Server: nginx")
                .actual("Server: " + server)
                .hint("server_tokens off; in http {}."));
    for (var header :
        List.of(
            Map.entry("X-Content-Type-Options", "nosniff"), Map.entry("X-Frame-Options", "DENY"))) {
      var value = Optional.ofNullable(home.header(header.getKey()));
      feedback.expect(
          value.filter(header.getValue()::equalsIgnoreCase).isPresent(),
          () ->
              Problem.in(
                      CONF, "HTML pages must carry " + header.getKey() + ": " + header.getValue())
                  .expected(header.getKey() + ": " + header.getValue())
                  .actual(
                      value
                          .map(found -> header.getKey() + ": " + found)
                          .orElse("no " + header.getKey() + " on GET /"))
                  .hint(
                      "add_header "
                          + header.getKey()
                          + " "
                          + header.getValue()
                          + " always; in the server. "
                          + "A location with its own add_header inherits none from the server: repeat them there."));
    }
    feedback.assertNone();
  }

  // ---- shared steps ---------------------------------------------------------------------------

  private ReverseProxyStack stack() {
    var conf = lab.workspace().readText(CONF, new Feedback());
    Assumptions.assumeTrue(conf.isPresent(), CONF + " cannot be read (see check config-valid)");
    return lab.once("stack", () -> lab.closeAtEnd(ReverseProxyStack.start(lab, conf.get())));
  }

  private NginxContainer nginx() {
    var nginx = stack().nginx();
    Assumptions.assumeTrue(
        nginx.isPresent(), CONF + " does not pass nginx -t yet (see check config-valid)");
    return nginx.get();
  }

  /** Fails the check, as the learner's to fix, when nothing speaks HTTP on port 80. */
  private static void requirePlainHttp(NginxContainer nginx) {
    try {
      HttpSpecs.http(nginx.getMappedPort(NginxContainer.HTTP_PORT)).get("/healthz");
    } catch (Exception e) {
      throw new CheckFailure(
          List.of(
              Problem.in(CONF, "nothing answers plain HTTP on port 80")
                  .actual(
                      e.getClass().getSimpleName()
                          + (e.getMessage() == null ? "" : ": " + e.getMessage()))
                  .hint("Keep a server with listen 80; for /healthz and the redirect to https.")));
    }
  }

  /** nginx, when it also answers HTTPS; checks of what lives behind port 443 skip otherwise. */
  private NginxContainer httpsNginx() {
    var nginx = nginx();
    boolean answers =
        lab.once(
            "https-answers",
            () ->
                handshake(nginx.getMappedPort(NginxContainer.HTTPS_PORT), "TLSv1.3").isEmpty()
                    || handshake(nginx.getMappedPort(NginxContainer.HTTPS_PORT), "TLSv1.2")
                        .isEmpty());
    Assumptions.assumeTrue(answers, "port 443 does not answer HTTPS yet (see check tls)");
    return nginx;
  }

  private int port(int containerPort) {
    return httpsNginx().getMappedPort(containerPort);
  }

  private static Optional<Long> maxAge(String header) {
    var match = MAX_AGE.matcher(header);
    if (!match.find()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(match.group(1)));
    } catch (NumberFormatException tooLarge) {
      return Optional.of(Long.MAX_VALUE);
    }
  }

  private static Optional<String> handshake(int port, String protocol) {
    try (var socket =
        (SSLSocket)
            KitCertificate.sslContext().getSocketFactory().createSocket("localhost", port)) {
      socket.setSoTimeout((int) REQUEST_TIMEOUT.toMillis());
      socket.setEnabledProtocols(new String[] {protocol});
      socket.startHandshake();
      return Optional.empty();
    } catch (SSLException e) {
      return Optional.of(e.getMessage());
    } catch (IOException e) {
      return Optional.of(e.toString());
    }
  }

  private static <T> HttpResponse<T> send(
      HttpClient client, HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
    try {
      return client.send(request.timeout(REQUEST_TIMEOUT).build(), body);
    } catch (IOException e) {
      throw new CheckFailure(
          List.of(
              Problem.in(CONF, "no answer from nginx for " + request.build().uri().getPath())
                  .actual(e.toString())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static HttpResponse<String> upload(HttpClient client, NginxContainer nginx, int bytes) {
    var request =
        HttpRequest.newBuilder(nginx.httpsUrl("/api/upload"))
            .header("Content-Type", "application/octet-stream")
            .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[bytes]));
    return send(client, request, HttpResponse.BodyHandlers.ofString());
  }

  /** Empty when the API answered with an echo; otherwise what went wrong, for the message. */
  private static Optional<String> apiFailure(HttpClient client, NginxContainer nginx) {
    try {
      var response =
          client.send(
              HttpRequest.newBuilder(nginx.httpsUrl("/api/ping")).timeout(REQUEST_TIMEOUT).build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 && EchoReply.parse(response.body()).isPresent()
          ? Optional.empty()
          : Optional.of("a request got " + response.statusCode());
    } catch (IOException e) {
      return Optional.of(
          "a request got no answer within "
              + REQUEST_TIMEOUT.toSeconds()
              + " s ("
              + e.getClass().getSimpleName()
              + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted");
    }
  }

  private static boolean bothBackendsAnswer(HttpClient client, NginxContainer nginx) {
    var seen = new TreeSet<String>();
    for (int i = 0; i < 20 && seen.size() < 2; i++) {
      try {
        var response =
            client.send(
                HttpRequest.newBuilder(nginx.httpsUrl("/api/ping"))
                    .timeout(REQUEST_TIMEOUT)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
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
      HttpClient client, NginxContainer nginx, int count, AtomicReference<String> lastFailure) {
    for (int i = 0; i < count; i++) {
      var failure = apiFailure(client, nginx);
      if (failure.isPresent()) {
        lastFailure.set(failure.get());
        return false;
      }
    }
    return true;
  }

  private static String describeStatuses(Map<Integer, Integer> statuses) {
    var parts = new ArrayList<String>();
    statuses.forEach(
        (status, count) -> parts.add(count + " × " + (status < 0 ? "no answer" : status)));
    return String.join(", ", parts);
  }

  private static String describe(Response response) {
    var body = response.asString().strip();
    var firstLine = body.lines().findFirst().orElse("");
    return response.statusCode()
        + " "
        + Optional.ofNullable(response.contentType()).orElse("")
        + (firstLine.isEmpty()
            ? ""
            : ", body: "
                + (firstLine.length() > 80 ? firstLine.substring(0, 80) + "…" : firstLine));
  }
}
