package dev.labkit.harness.http;

import dev.labkit.harness.feedback.Feedback;
import dev.labkit.harness.feedback.Problem;
import io.restassured.response.Response;
import java.net.URI;
import java.util.Arrays;
import java.util.Locale;

/**
 * Asks a server what a browser asks before a cross-origin request (an OPTIONS preflight) and reads
 * the answer the way a browser does: allowed only when Access-Control-Allow-Origin names the origin
 * (or is "*") and the method and headers are listed.
 */
public final class CorsProbe {

  private final URI resource;
  private final String configFile;

  public CorsProbe(URI resource, String configFile) {
    this.resource = resource;
    this.configFile = configFile;
  }

  public CorsProbe expectAllowed(Feedback feedback, String origin, String method, String header) {
    var answer = preflight(origin, method, header);
    var verdict = verdict(answer, origin, method, header);
    feedback.expect(
        verdict == null,
        () ->
            Problem.in(
                    configFile,
                    "a browser page from "
                        + origin
                        + " may not "
                        + method
                        + (header == null ? "" : " with a " + header + " header"))
                .expected(
                    "preflight allowed: Access-Control-Allow-Origin: "
                        + origin
                        + ", methods incl. "
                        + method)
                .actual(verdict + " (status " + answer.statusCode() + ")")
                .hint(
                    "Add "
                        + origin
                        + " to AllowedOrigins, "
                        + method
                        + " to AllowedMethods"
                        + (header == null ? "" : " and " + header + " to AllowedHeaders")
                        + " of one rule."));
    return this;
  }

  public CorsProbe expectRefused(Feedback feedback, String origin, String method, String header) {
    var answer = preflight(origin, method, header);
    feedback.expect(
        verdict(answer, origin, method, header) != null,
        () ->
            Problem.in(configFile, "a browser page from " + origin + " may " + method + " objects")
                .expected(
                    origin.startsWith("http://localhost")
                        ? "preflight refused: " + method + " not in Access-Control-Allow-Methods"
                        : "preflight refused (no Access-Control-Allow-Origin for " + origin + ")")
                .actual(
                    "allowed: Access-Control-Allow-Origin: "
                        + answer.header("Access-Control-Allow-Origin")
                        + ", Access-Control-Allow-Methods: "
                        + answer.header("Access-Control-Allow-Methods"))
                .hint(
                    "List exactly the app's origin in AllowedOrigins (no \"*\") and only the methods it uses (PUT, GET)."));
    return this;
  }

  /** A real cross-origin GET: the response must let the page read {@code header} (e.g. ETag). */
  public CorsProbe expectExposed(Feedback feedback, String origin, String header) {
    var response = RawHttp.request().header("Origin", origin).get(resource);
    var exposed = String.valueOf(response.header("Access-Control-Expose-Headers"));
    feedback.expect(
        listContains(exposed, header),
        () ->
            Problem.in(
                    configFile,
                    "a page from " + origin + " cannot read the " + header + " response header")
                .expected("Access-Control-Expose-Headers to include " + header)
                .actual(
                    response.header("Access-Control-Expose-Headers") == null
                        ? "no Access-Control-Expose-Headers"
                        : exposed)
                .hint(
                    "Add \"ExposeHeaders\": [\""
                        + header
                        + "\"]; browsers hide every other response header from scripts."));
    return this;
  }

  private Response preflight(String origin, String method, String header) {
    var request =
        RawHttp.request().header("Origin", origin).header("Access-Control-Request-Method", method);
    if (header != null) {
      request.header("Access-Control-Request-Headers", header);
    }
    return request.options(resource);
  }

  /** Null when a browser would go ahead; otherwise why not. */
  private static String verdict(Response answer, String origin, String method, String header) {
    var allowOrigin = answer.header("Access-Control-Allow-Origin");
    if (answer.statusCode() >= 300 || allowOrigin == null) {
      return "refused";
    }
    if (!allowOrigin.equals(origin) && !allowOrigin.equals("*")) {
      return "Access-Control-Allow-Origin is " + allowOrigin;
    }
    var methods = String.valueOf(answer.header("Access-Control-Allow-Methods"));
    if (!listContains(methods, method)) {
      return "Access-Control-Allow-Methods is " + methods;
    }
    var headers = String.valueOf(answer.header("Access-Control-Allow-Headers"));
    if (header != null && !listContains(headers, header) && !headers.trim().equals("*")) {
      return "Access-Control-Allow-Headers is " + headers;
    }
    return null;
  }

  private static boolean listContains(String list, String item) {
    return Arrays.stream(list.split(","))
        .map(value -> value.trim().toLowerCase(Locale.ROOT))
        .anyMatch(value -> value.equals(item.toLowerCase(Locale.ROOT)));
  }
}
