package dev.labkit.labs.nginxreverseproxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpsRedirectTest {

  /** nginx's own 301 page, as the mistake redirect-catches-healthz answers GET /healthz. */
  static final String NGINX_301 =
      """
      <html>
      <head><title>301 Moved Permanently</title></head>
      <body>
      <center><h1>301 Moved Permanently</h1></center>
      <hr><center>nginx</center>
      </body>
      </html>
      """;

  @Test
  void healthzAnsweredByPortEightyPasses() {
    assertThat(HttpsRedirect.healthz(new NginxAnswer(200, "text/plain", "ok"))).isEmpty();
  }

  @Test
  void healthzCaughtByTheRedirectShowsWhatCameBack() {
    var problems = HttpsRedirect.healthz(new NginxAnswer(301, "text/html", NGINX_301));

    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.actual()).isEqualTo("301 text/html, body: <html>");
              assertThat(p.hint()).contains("location = /healthz");
            });
  }

  @Test
  void aRedirectKeepingPathAndQueryPasses() {
    // Recorded: nginx sends $host, which curl's request to 127.0.0.1 made the address.
    assertThat(
            HttpsRedirect.redirect(
                "/shop/orders?id=7&sort=new", 301, "https://127.0.0.1/shop/orders?id=7&sort=new"))
        .isEmpty();
  }

  @Test
  void aRedirectToTheHomePageLosesThePath() {
    var problems = HttpsRedirect.redirect("/shop/orders?id=7&sort=new", 301, "https://localhost/");

    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message())
                  .isEqualTo(
                      "GET http://…/shop/orders?id=7&sort=new must be redirected permanently to the same path on https");
              assertThat(p.expected())
                  .isEqualTo("301 with Location: https://localhost/shop/orders?id=7&sort=new");
              assertThat(p.actual()).isEqualTo("301 Location: https://localhost/");
            });
  }

  @Test
  void aTemporaryRedirectOrNoneIsNamed() {
    assertThat(HttpsRedirect.redirect("/", 302, "https://localhost/"))
        .singleElement()
        .satisfies(p -> assertThat(p.actual()).isEqualTo("302 Location: https://localhost/"));
    assertThat(HttpsRedirect.redirect("/", 200, null))
        .singleElement()
        .satisfies(p -> assertThat(p.actual()).isEqualTo("200 without Location"));
  }
}
