package dev.labkit.labs.nginxreverseproxy;

import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.http.HttpSpecs;
import dev.labkit.harness.nginx.NginxContainer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The static-site, asset-caching and gzip checks: the lab's site (html/) behind port 443, its own
 * 404 page, cacheable assets, and text compressed, including the API's JSON.
 */
final class StaticSite {

  private static final String CONF = ReverseProxyStack.CONF_FILE;
  static final long ONE_DAY_SECONDS = 86_400;
  static final List<String> ASSETS = List.of("/assets/app.css", "/assets/app.js");

  /** What gzip must compress, by path, as the messages name it; asked in path order. */
  static final Map<String, String> COMPRESSED =
      new TreeMap<>(
          Map.of(
              "/assets/app.css",
              "CSS",
              "/assets/app.js",
              "JavaScript",
              "/api/catalog.json",
              "JSON from the API"));

  private StaticSite() {}

  static List<Problem> homeAndNotFoundPage(int httpsPort) {
    var problems = new ArrayList<Problem>();
    problems.addAll(home(NginxAnswer.of(HttpSpecs.https(httpsPort).get("/"))));
    problems.addAll(
        notFoundPage(NginxAnswer.of(HttpSpecs.https(httpsPort).get("/no-such-page.html"))));
    return problems;
  }

  static List<Problem> assetCaching(int httpsPort) {
    var problems = new ArrayList<Problem>();
    for (var asset : ASSETS) {
      var response = HttpSpecs.https(httpsPort).get(asset);
      problems.addAll(
          assetCaching(
              asset, response.statusCode(), Optional.ofNullable(response.header("Cache-Control"))));
    }
    return problems;
  }

  static List<Problem> gzip(NginxContainer nginx) {
    var problems = new ArrayList<Problem>();
    var client = HttpSpecs.jdkClient(HttpClient.Version.HTTP_1_1);
    for (var sample : COMPRESSED.entrySet()) {
      var response =
          NginxRequests.send(
              client,
              HttpRequest.newBuilder(nginx.httpsUrl(sample.getKey()))
                  .header("Accept-Encoding", "gzip"),
              HttpResponse.BodyHandlers.discarding());
      problems.addAll(
          gzip(
              sample.getKey(),
              sample.getValue(),
              response.statusCode(),
              response.headers().firstValue("Content-Type").orElse(""),
              response.headers().firstValue("Content-Encoding")));
    }
    return problems;
  }

  static List<Problem> home(NginxAnswer home) {
    if (home.status() == 200
        && home.contentType().startsWith("text/html")
        && home.body().contains("labkit: index.html")) {
      return List.of();
    }
    return List.of(
        Problem.in(CONF, "GET https://…/ must serve the site's index.html as text/html")
            .expected(
                "200, Content-Type: text/html, the page from /usr/share/nginx/html/index.html")
            .actual(home.describe())
            .hint(
                "root /usr/share/nginx/html; index index.html; and include /etc/nginx/mime.types; in http {}."));
  }

  static List<Problem> notFoundPage(NginxAnswer missing) {
    boolean sitesPage = missing.body().contains("labkit: 404.html");
    if (missing.status() == 404 && sitesPage) {
      return List.of();
    }
    return List.of(
        Problem.in(CONF, "an unknown page must answer 404 with the site's own 404.html")
            .expected("404 and the page /usr/share/nginx/html/404.html")
            .actual(
                missing.status()
                    + (sitesPage ? " with 404.html" : " with another page (nginx's own?)"))
            .hint("error_page 404 /404.html; in the 443 server."));
  }

  static List<Problem> assetCaching(String asset, int status, Optional<String> cacheControl) {
    if (status == 200
        && cacheControl.flatMap(MaxAge::in).filter(age -> age >= ONE_DAY_SECONDS).isPresent()) {
      return List.of();
    }
    return List.of(
        Problem.in(CONF, asset + " must be cacheable for at least a day")
            .expected("200 with Cache-Control: max-age=86400 or more")
            .actual(
                status
                    + cacheControl
                        .map(value -> ", Cache-Control: " + value)
                        .orElse(", no Cache-Control"))
            .hint("location /assets/ { expires 7d; } sets Cache-Control: max-age for you."));
  }

  /** {@code what}: how the message names the sample ("CSS"). */
  static List<Problem> gzip(
      String path, String what, int status, String contentType, Optional<String> encoding) {
    if (status == 200 && encoding.filter("gzip"::equalsIgnoreCase).isPresent()) {
      return List.of();
    }
    return List.of(
        Problem.in(
                CONF,
                what + " (" + path + ") is not gzip-compressed for a client that accepts gzip")
            .expected("200 with Content-Encoding: gzip")
            .actual(
                status
                    + " "
                    + contentType
                    + encoding
                        .map(value -> ", Content-Encoding: " + value)
                        .orElse(", not compressed"))
            .hint(
                path.startsWith("/api/")
                    ? "List application/json in gzip_types; responses from the backends are compressed like files."
                    : "gzip on; compresses only text/html until gzip_types lists more: gzip_types text/css application/javascript application/json;"));
  }
}
