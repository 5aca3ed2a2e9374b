package dev.labkit.harness.http;

import static io.restassured.config.EncoderConfig.encoderConfig;
import static io.restassured.config.RedirectConfig.redirectConfig;

import io.restassured.RestAssured;
import io.restassured.config.RestAssuredConfig;
import io.restassured.filter.log.LogDetail;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * RestAssured requests that send a URL exactly as given: presigned URLs break if the client
 * re-encodes their query or appends "; charset=…" to a signed Content-Type. One specification per
 * request, nothing static; request and response are logged when a check's validation fails.
 */
public final class RawHttp {

  private static final RestAssuredConfig CONFIG =
      HttpSpecs.BOUNDED
          .encoderConfig(
              encoderConfig()
                  .appendDefaultContentCharsetToContentTypeIfUndefined(false)
                  .encodeContentTypeAs("image/jpeg", ContentType.BINARY)
                  .encodeContentTypeAs("image/png", ContentType.BINARY)
                  .encodeContentTypeAs("text/html", ContentType.BINARY))
          .redirect(redirectConfig().followRedirects(false));

  private RawHttp() {}

  /**
   * A request to {@code url} as-is; add headers and a body, then call {@code .request(method,
   * url)}.
   */
  public static RequestSpecification request() {
    return RestAssured.given()
        .config(CONFIG)
        .urlEncodingEnabled(false)
        .log()
        .ifValidationFails(LogDetail.ALL);
  }

  /**
   * A PUT that sends what the URL's signer signed (every signed header except Host, which the
   * client sets), as a browser following the backend's instructions would, with the Content-Type
   * replaced when a check wants to send another one.
   */
  public static Response putSigned(
      URI url, Map<String, List<String>> signedHeaders, String contentType, byte[] body) {
    var spec = request().body(body);
    signedHeaders.forEach(
        (name, values) -> {
          if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-type")) {
            values.forEach(value -> spec.header(name, value));
          }
        });
    if (contentType != null) {
      spec.contentType(contentType);
    }
    return spec.put(url);
  }

  public static Response get(URI url) {
    return request().get(url);
  }

  /**
   * S3's error code from an XML error body ("AccessDenied", "SignatureDoesNotMatch"), or the
   * status.
   */
  public static String s3Error(Response response) {
    var body = response.asString();
    if (body == null || !body.trim().startsWith("<")) {
      return response.getStatusLine();
    }
    try {
      var code = response.xmlPath().getString("Error.Code");
      var message = response.xmlPath().getString("Error.Message");
      if (code != null && !code.isBlank()) {
        return response.statusCode()
            + " "
            + code
            + (message == null || message.isBlank() ? "" : " (" + message + ")");
      }
    } catch (RuntimeException notXml) {
      // fall through to the status line
    }
    return response.getStatusLine();
  }
}
