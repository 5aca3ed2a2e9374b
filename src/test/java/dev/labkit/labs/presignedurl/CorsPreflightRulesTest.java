package dev.labkit.labs.presignedurl;

import static dev.labkit.labs.presignedurl.CorsPreflightRules.APP_ORIGIN;
import static dev.labkit.labs.presignedurl.CorsPreflightRules.OTHER_ORIGIN;
import static dev.labkit.labs.presignedurl.RecordedS3.crossOrigin;
import static dev.labkit.labs.presignedurl.RecordedS3.preflight;
import static org.assertj.core.api.Assertions.assertThat;

import dev.labkit.harness.feedback.Problem;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cors-preflight rules on LocalStack's answers for the starter's, solution's and mistakes'. */
class CorsPreflightRulesTest {

  /** Every question the check asks, on the answers recorded for one cors.json. */
  static List<Problem> problems(String workspace) {
    var prefix = "cors-" + workspace + "-";
    var problems = new ArrayList<Problem>();
    problems.addAll(
        CorsPreflightRules.allowed(
            preflight(prefix + "put-from-app"), APP_ORIGIN, "PUT", "content-type"));
    problems.addAll(
        CorsPreflightRules.allowed(preflight(prefix + "get-from-app"), APP_ORIGIN, "GET", null));
    problems.addAll(
        CorsPreflightRules.refused(
            preflight(prefix + "put-from-other"), OTHER_ORIGIN, "PUT", "content-type"));
    problems.addAll(
        CorsPreflightRules.refused(
            preflight(prefix + "delete-from-app"), APP_ORIGIN, "DELETE", null));
    problems.addAll(
        CorsPreflightRules.exposed(crossOrigin(prefix + "get-with-origin"), APP_ORIGIN, "ETag"));
    return problems;
  }

  @Test
  void theSolutionPasses() {
    assertThat(problems("solution")).isEmpty();
  }

  @Test
  void anyOriginLetsOtherSitesUpload() {
    assertThat(problems("cors-any-origin"))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.file()).isEqualTo("bucket/cors.json");
              assertThat(p.message())
                  .isEqualTo("a browser page from http://evil.example may PUT objects");
              assertThat(p.expected())
                  .isEqualTo(
                      "preflight refused (no Access-Control-Allow-Origin for http://evil.example)");
              assertThat(p.actual()).startsWith("allowed: Access-Control-Allow-Origin: *");
              assertThat(p.hint()).contains("(PUT, GET)");
            });
  }

  @Test
  void withoutAllowedHeadersThePutIsRefused() {
    assertThat(problems("cors-content-type-header-not-allowed"))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message())
                  .isEqualTo(
                      "a browser page from http://localhost:3000 may not PUT with a content-type header");
              assertThat(p.actual()).endsWith("(status 403)");
              assertThat(p.hint())
                  .isEqualTo(
                      "Add http://localhost:3000 to AllowedOrigins, PUT to AllowedMethods and content-type to AllowedHeaders of one rule.");
            });
  }

  @Test
  void anUnexposedEtagIsNamed() {
    assertThat(problems("cors-etag-not-exposed"))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message())
                  .isEqualTo(
                      "a page from http://localhost:3000 cannot read the ETag response header");
              assertThat(p.actual()).isEqualTo("no Access-Control-Expose-Headers");
            });
  }

  @Test
  void theStarterFailsForEveryReasonItHas() {
    assertThat(problems("starter"))
        .extracting(Problem::message)
        .containsExactly(
            "a browser page from http://localhost:3000 may not PUT with a content-type header",
            "a page from http://localhost:3000 cannot read the ETag response header");
  }
}
