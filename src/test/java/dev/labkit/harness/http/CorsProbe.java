package dev.labkit.harness.http;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;

/**
 * Asks a server what a browser asks before a cross-origin request (an OPTIONS preflight), and sends
 * a real cross-origin GET; the answers ({@link PreflightAnswer}, {@link CrossOriginAnswer}) are
 * read the way a browser reads them. What a lab expects of them, and its words, stay in the lab.
 */
public final class CorsProbe {

  private final URI resource;

  public CorsProbe(URI resource) {
    this.resource = resource;
  }

  /**
   * The preflight a page from {@code origin} sends before {@code method} (with a header, if any).
   */
  public PreflightAnswer preflight(String origin, String method, String header) {
    var request =
        RawHttp.request().header("Origin", origin).header("Access-Control-Request-Method", method);
    if (header != null) {
      request.header("Access-Control-Request-Headers", header);
    }
    return PreflightAnswer.of(request.options(resource));
  }

  /** A real GET from a page of {@code origin}: what the response lets the page read. */
  public CrossOriginAnswer get(String origin) {
    return CrossOriginAnswer.of(RawHttp.request().header("Origin", origin).get(resource));
  }

  /** Whether a comma-separated header value lists {@code item}, in any case. */
  static boolean listContains(String list, String item) {
    return Arrays.stream(list.split(","))
        .map(value -> value.trim().toLowerCase(Locale.ROOT))
        .anyMatch(value -> value.equals(item.toLowerCase(Locale.ROOT)));
  }
}
