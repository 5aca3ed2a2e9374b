package dev.labkit.harness.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A preflight read the way a browser reads it; header names in any case, values as sent. */
class PreflightAnswerTest {

  static final String APP = "http://localhost:3000";

  static PreflightAnswer allowing(String origin, String methods, String headers) {
    return PreflightAnswer.of(
        200,
        Map.of(
            "access-control-allow-origin", origin,
            "Access-Control-Allow-Methods", methods,
            "Access-Control-Allow-Headers", headers));
  }

  @Test
  void theOriginTheMethodAndTheHeaderListedGoAhead() {
    assertThat(allowing(APP, "PUT, GET", "Content-Type").refusal(APP, "PUT", "content-type"))
        .isEmpty();
    assertThat(allowing("*", "GET", "*").refusal(APP, "get", "x-anything")).isEmpty();
  }

  @Test
  void eachMissingPartIsNamedInOrder() {
    assertThat(PreflightAnswer.of(403, Map.of()).refusal(APP, "PUT", null)).contains("refused");
    assertThat(allowing("http://other", "PUT", "").refusal(APP, "PUT", null))
        .contains("Access-Control-Allow-Origin is http://other");
    assertThat(allowing(APP, "GET", "").refusal(APP, "PUT", null))
        .contains("Access-Control-Allow-Methods is GET");
    assertThat(allowing(APP, "PUT", "x-other").refusal(APP, "PUT", "content-type"))
        .contains("Access-Control-Allow-Headers is x-other");
  }

  @Test
  void absentListsReadAsNull() {
    var onlyOrigin = PreflightAnswer.of(200, Map.of("Access-Control-Allow-Origin", APP));

    assertThat(onlyOrigin.refusal(APP, "GET", null))
        .contains("Access-Control-Allow-Methods is null");
    assertThat(onlyOrigin.allowMethods()).isNull();
  }

  @Test
  void exposedHeadersAreMatchedInAnyCase() {
    assertThat(new CrossOriginAnswer(Optional.of("x-amz-id, etag")).exposes("ETag")).isTrue();
    assertThat(new CrossOriginAnswer(Optional.empty()).exposes("ETag")).isFalse();
  }
}
