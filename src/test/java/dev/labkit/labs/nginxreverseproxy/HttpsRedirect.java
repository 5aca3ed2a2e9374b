package dev.labkit.labs.nginxreverseproxy;

import dev.labkit.harness.feedback.CheckFailure;
import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.http.HttpSpecs;
import dev.labkit.harness.nginx.NginxContainer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The http-redirect check: port 80 answers /healthz itself, for load balancers that speak plain
 * HTTP, and sends everything else permanently to the same path on https.
 */
final class HttpsRedirect {

  private static final String CONF = ReverseProxyStack.CONF_FILE;

  /** A bare path and one with a query, which a redirect to "https://$host/" would lose. */
  static final List<String> REDIRECTED = List.of("/", "/shop/orders?id=7&sort=new");

  private HttpsRedirect() {}

  static List<Problem> judge(NginxContainer nginx) {
    requirePlainHttp(nginx);
    var problems = new ArrayList<Problem>();
    var health = HttpSpecs.http(nginx.getMappedPort(NginxContainer.HTTP_PORT)).get("/healthz");
    problems.addAll(healthz(NginxAnswer.of(health)));
    for (var pathAndQuery : REDIRECTED) {
      var response =
          HttpSpecs.http(nginx.getMappedPort(NginxContainer.HTTP_PORT)).get(pathAndQuery);
      problems.addAll(redirect(pathAndQuery, response.statusCode(), response.header("Location")));
    }
    return problems;
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

  static List<Problem> healthz(NginxAnswer health) {
    if (health.status() == 200 && health.body().trim().equals("ok")) {
      return List.of();
    }
    return List.of(
        Problem.in(
                CONF,
                "GET http://…/healthz must answer 200 with the body ok, for load balancers that speak plain HTTP")
            .expected("200 ok")
            .actual(health.describe())
            .hint(
                "Give port 80 an exact-match location: location = /healthz { return 200 \"ok\"; }, and redirect in location / only."));
  }

  /** {@code locationHeader}: the Location header as nginx sent it, null when there was none. */
  static List<Problem> redirect(String pathAndQuery, int status, String locationHeader) {
    var location = Optional.ofNullable(locationHeader).map(URI::create);
    boolean redirected =
        status == 301
            && location
                .map(
                    uri ->
                        "https".equals(uri.getScheme())
                            && pathAndQuery.equals(
                                uri.getRawPath()
                                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())))
                .orElse(false);
    if (redirected) {
      return List.of();
    }
    return List.of(
        Problem.in(
                CONF,
                "GET http://…"
                    + pathAndQuery
                    + " must be redirected permanently to the same path on https")
            .expected("301 with Location: https://localhost" + pathAndQuery)
            .actual(status + location.map(uri -> " Location: " + uri).orElse(" without Location"))
            .hint(
                "return 301 https://$host$request_uri; keeps path and query; 302 would be temporary, and browsers would not remember it."));
  }
}
