package dev.labkit.harness.http;

import io.restassured.response.Response;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A server's answer to a CORS preflight, as a browser reads it: the status and the three
 * Access-Control-Allow-* headers (null when absent, as the server sent them).
 */
public record PreflightAnswer(
    int status, String allowOrigin, String allowMethods, String allowHeaders) {

  static PreflightAnswer of(Response response) {
    return new PreflightAnswer(
        response.statusCode(),
        response.header("Access-Control-Allow-Origin"),
        response.header("Access-Control-Allow-Methods"),
        response.header("Access-Control-Allow-Headers"));
  }

  /** From a status and response headers by name, in any case (a recording). */
  public static PreflightAnswer of(int status, Map<String, String> headers) {
    var byName = new TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
    byName.putAll(headers);
    return new PreflightAnswer(
        status,
        byName.get("Access-Control-Allow-Origin"),
        byName.get("Access-Control-Allow-Methods"),
        byName.get("Access-Control-Allow-Headers"));
  }

  /**
   * Why a browser would not send {@code method} from {@code origin} (with {@code header}, if not
   * null) after this answer; empty when it would go ahead: the origin named (or "*"), and the
   * method and header listed.
   */
  public Optional<String> refusal(String origin, String method, String header) {
    if (status >= 300 || allowOrigin == null) {
      return Optional.of("refused");
    }
    if (!allowOrigin.equals(origin) && !allowOrigin.equals("*")) {
      return Optional.of("Access-Control-Allow-Origin is " + allowOrigin);
    }
    var methods = String.valueOf(allowMethods);
    if (!CorsProbe.listContains(methods, method)) {
      return Optional.of("Access-Control-Allow-Methods is " + methods);
    }
    var headers = String.valueOf(allowHeaders);
    if (header != null && !CorsProbe.listContains(headers, header) && !headers.trim().equals("*")) {
      return Optional.of("Access-Control-Allow-Headers is " + headers);
    }
    return Optional.empty();
  }
}
