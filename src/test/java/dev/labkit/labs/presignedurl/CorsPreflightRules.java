package dev.labkit.labs.presignedurl;

import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.http.CorsProbe;
import dev.labkit.harness.http.CrossOriginAnswer;
import dev.labkit.harness.http.PreflightAnswer;
import java.util.ArrayList;
import java.util.List;

/**
 * The cors-preflight check: the photo app's page at localhost:3000 may PUT (with its Content-Type)
 * and GET objects and read their ETag; other sites, and other methods, are refused by the browser.
 */
final class CorsPreflightRules {

  static final String FILE = PhotoBuckets.CORS.path();
  static final String APP_ORIGIN = "http://localhost:3000";
  static final String OTHER_ORIGIN = "http://evil.example";

  private CorsPreflightRules() {}

  /** Asks the bucket's CORS, one browser question at a time, in the order the messages list. */
  static List<Problem> judge(CorsProbe cors) {
    var problems = new ArrayList<Problem>();
    problems.addAll(
        allowed(
            cors.preflight(APP_ORIGIN, "PUT", "content-type"), APP_ORIGIN, "PUT", "content-type"));
    problems.addAll(allowed(cors.preflight(APP_ORIGIN, "GET", null), APP_ORIGIN, "GET", null));
    problems.addAll(
        refused(
            cors.preflight(OTHER_ORIGIN, "PUT", "content-type"),
            OTHER_ORIGIN,
            "PUT",
            "content-type"));
    problems.addAll(
        refused(cors.preflight(APP_ORIGIN, "DELETE", null), APP_ORIGIN, "DELETE", null));
    problems.addAll(exposed(cors.get(APP_ORIGIN), APP_ORIGIN, "ETag"));
    return problems;
  }

  /** The page may send {@code method} (with {@code header}, unless null). */
  static List<Problem> allowed(
      PreflightAnswer answer, String origin, String method, String header) {
    var refusal = answer.refusal(origin, method, header);
    if (refusal.isEmpty()) {
      return List.of();
    }
    return List.of(
        Problem.in(
                FILE,
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
            .actual(refusal.get() + " (status " + answer.status() + ")")
            .hint(
                "Add "
                    + origin
                    + " to AllowedOrigins, "
                    + method
                    + " to AllowedMethods"
                    + (header == null ? "" : " and " + header + " to AllowedHeaders")
                    + " of one rule."));
  }

  /** The browser refuses {@code method} from {@code origin}: another site, or a method not used. */
  static List<Problem> refused(
      PreflightAnswer answer, String origin, String method, String header) {
    if (answer.refusal(origin, method, header).isPresent()) {
      return List.of();
    }
    return List.of(
        Problem.in(FILE, "a browser page from " + origin + " may " + method + " objects")
            .expected(
                origin.startsWith("http://localhost")
                    ? "preflight refused: " + method + " not in Access-Control-Allow-Methods"
                    : "preflight refused (no Access-Control-Allow-Origin for " + origin + ")")
            .actual(
                "allowed: Access-Control-Allow-Origin: "
                    + answer.allowOrigin()
                    + ", Access-Control-Allow-Methods: "
                    + answer.allowMethods())
            .hint(
                "List exactly the app's origin in AllowedOrigins (no \"*\") and only the methods it uses (PUT, GET)."));
  }

  /** The page can read {@code header} of a response (the app needs ETag). */
  static List<Problem> exposed(CrossOriginAnswer answer, String origin, String header) {
    if (answer.exposes(header)) {
      return List.of();
    }
    return List.of(
        Problem.in(
                FILE, "a page from " + origin + " cannot read the " + header + " response header")
            .expected("Access-Control-Expose-Headers to include " + header)
            .actual(answer.exposeHeaders().orElse("no Access-Control-Expose-Headers"))
            .hint(
                "Add \"ExposeHeaders\": [\""
                    + header
                    + "\"]; a cross-origin script sees only the CORS-safelisted response headers"
                    + " (Cache-Control, Content-Language, Content-Length, Content-Type, Expires,"
                    + " Last-Modified, Pragma) and those the server exposes."));
  }
}
