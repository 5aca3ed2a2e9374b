package dev.labkit.harness.http;

import static io.restassured.config.RedirectConfig.redirectConfig;

import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.filter.log.LogDetail;
import io.restassured.specification.RequestSpecification;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * Request specifications for a server the kit started, built from its mapped port: never the static
 * RestAssured defaults. Redirects are not followed (a 301 is often what a check is about), HTTPS
 * trusts the kit's certificate only, and request and response are logged when validation fails.
 */
public final class HttpSpecs {

  /** Every request is bounded: a server that hangs fails the check instead of the run. */
  static final RestAssuredConfig BOUNDED =
      RestAssured.config()
          .httpClient(
              HttpClientConfig.httpClientConfig()
                  .setParam("http.connection.timeout", 5_000)
                  .setParam("http.socket.timeout", 20_000));

  private static final RestAssuredConfig NO_REDIRECTS =
      BOUNDED.redirect(redirectConfig().followRedirects(false));

  private HttpSpecs() {}

  public static RequestSpecification http(int port) {
    return RestAssured.given(
        new RequestSpecBuilder()
            .setBaseUri("http://localhost")
            .setPort(port)
            .setConfig(NO_REDIRECTS)
            .build()
            .log()
            .ifValidationFails(LogDetail.ALL));
  }

  public static RequestSpecification https(int port) {
    return RestAssured.given(
        new RequestSpecBuilder()
            .setBaseUri("https://localhost")
            .setPort(port)
            .setConfig(NO_REDIRECTS)
            .setTrustStore(KitCertificate.trustStore())
            .build()
            .log()
            .ifValidationFails(LogDetail.ALL));
  }

  /**
   * The JDK client, for what RestAssured does not do: HTTP/2, WebSocket, many requests at once, and
   * responses left compressed. Trusts the kit's certificate; every request needs its own timeout.
   */
  public static HttpClient jdkClient(HttpClient.Version version) {
    return HttpClient.newBuilder()
        .version(version)
        .sslContext(KitCertificate.sslContext())
        .connectTimeout(Duration.ofSeconds(5))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }
}
