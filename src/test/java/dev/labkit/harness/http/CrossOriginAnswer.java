package dev.labkit.harness.http;

import io.restassured.response.Response;
import java.util.Optional;

/**
 * A server's answer to a real cross-origin request, as far as CORS goes: which response headers a
 * page's scripts may read beyond the CORS-safelisted ones (Access-Control-Expose-Headers).
 */
public record CrossOriginAnswer(Optional<String> exposeHeaders) {

  static CrossOriginAnswer of(Response response) {
    return new CrossOriginAnswer(
        Optional.ofNullable(response.header("Access-Control-Expose-Headers")));
  }

  public boolean exposes(String header) {
    return CorsProbe.listContains(exposeHeaders.orElse("null"), header);
  }
}
