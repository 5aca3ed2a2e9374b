package dev.labkit.labs.nginxreverseproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StaticSiteTest {

  static final Path SITE = Path.of("labs/nginx-reverse-proxy/html");

  /** nginx's own 404 page, which a server without error_page 404 answers with. */
  static final String NGINX_404 =
      """
      <html>
      <head><title>404 Not Found</title></head>
      <body>
      <center><h1>404 Not Found</h1></center>
      <hr><center>nginx</center>
      </body>
      </html>
      """;

  @Test
  void theSitesPagesPass() throws Exception {
    var index = Files.readString(SITE.resolve("index.html"));
    var notFound = Files.readString(SITE.resolve("404.html"));

    assertThat(StaticSite.home(new NginxAnswer(200, "text/html", index))).isEmpty();
    assertThat(StaticSite.notFoundPage(new NginxAnswer(404, "text/html", notFound))).isEmpty();
  }

  @Test
  void theHomePageAsADownloadIsNamed() throws Exception {
    var index = Files.readString(SITE.resolve("index.html"));

    assertThat(StaticSite.home(new NginxAnswer(200, "application/octet-stream", index)))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.actual())
                  .isEqualTo("200 application/octet-stream, body: <!doctype html>");
              assertThat(p.hint()).contains("mime.types");
            });
  }

  @Test
  void nginxsOwnNotFoundPageIsNamed() {
    assertThat(StaticSite.notFoundPage(new NginxAnswer(404, "text/html", NGINX_404)))
        .singleElement()
        .satisfies(p -> assertThat(p.actual()).isEqualTo("404 with another page (nginx's own?)"));
  }

  @Test
  void assetsCachedForADayPassAnHourDoesNot() {
    // Recorded: expires 7d in location /assets/ gives Cache-Control: max-age=604800.
    assertThat(StaticSite.assetCaching("/assets/app.css", 200, Optional.of("max-age=604800")))
        .isEmpty();

    assertThat(StaticSite.assetCaching("/assets/app.js", 200, Optional.of("max-age=3600")))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message())
                  .isEqualTo("/assets/app.js must be cacheable for at least a day");
              assertThat(p.actual()).isEqualTo("200, Cache-Control: max-age=3600");
            });
    assertThat(StaticSite.assetCaching("/assets/app.js", 200, Optional.empty()))
        .singleElement()
        .satisfies(p -> assertThat(p.actual()).isEqualTo("200, no Cache-Control"));
  }

  @Test
  void uncompressedTextGetsTheHintForItsKind() {
    assertThat(StaticSite.gzip("/assets/app.css", "CSS", 200, "text/css", Optional.of("gzip")))
        .isEmpty();

    assertThat(StaticSite.gzip("/assets/app.css", "CSS", 200, "text/css", Optional.empty()))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message())
                  .isEqualTo(
                      "CSS (/assets/app.css) is not gzip-compressed for a client that accepts gzip");
              assertThat(p.actual()).isEqualTo("200 text/css, not compressed");
              assertThat(p.hint()).startsWith("gzip on; compresses only text/html");
            });
    assertThat(
            StaticSite.gzip(
                "/api/catalog.json",
                "JSON from the API",
                200,
                "application/json",
                Optional.empty()))
        .singleElement()
        .satisfies(p -> assertThat(p.hint()).startsWith("List application/json in gzip_types"));
  }

  @Test
  void samplesAreAskedInPathOrder() {
    assertThat(StaticSite.COMPRESSED.keySet())
        .containsExactly("/api/catalog.json", "/assets/app.css", "/assets/app.js");
  }
}
