package dev.labkit.labs.nginxreverseproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class EdgeLimitsTest {

  /** The echo backend's reply to the solution's 5 MB upload. */
  static final String FIVE_MB_ECHO =
      """
      {"instance": "app2", "method": "POST", "path": "/upload", "query": "",
       "headers": {"Host": "localhost", "Content-Length": "5242880",
                   "Content-Type": "application/octet-stream"}, "bodySize": 5242880}
      """;

  private static TreeMap<Integer, Integer> statuses(Map<Integer, Integer> counts) {
    return new TreeMap<>(counts);
  }

  @Test
  void oneAndABurstOfFiveAnsweredTheRest429Passes() {
    assertThat(EdgeLimits.rateLimit(statuses(Map.of(200, 6, 429, 14)))).isEmpty();
  }

  @Test
  void rejectingWith503GetsTheStatusHint() {
    var problems = EdgeLimits.rateLimit(statuses(Map.of(200, 6, 503, 14)));

    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.actual()).isEqualTo("6 × 200, 14 × 503");
              assertThat(p.hint())
                  .isEqualTo("nginx rejects with 503 unless told otherwise: limit_req_status 429;");
            });
  }

  @Test
  void noLimitOrNoAnswerGetsTheZoneHint() {
    assertThat(EdgeLimits.rateLimit(statuses(Map.of(200, 20))))
        .singleElement()
        .satisfies(p -> assertThat(p.hint()).startsWith("limit_req_zone"));
    assertThat(EdgeLimits.rateLimit(statuses(Map.of(EdgeLimits.NO_ANSWER, 2, 200, 6, 429, 12))))
        .singleElement()
        .satisfies(p -> assertThat(p.actual()).isEqualTo("2 × no answer, 6 × 200, 12 × 429"));
  }

  @Test
  void fiveMegabytesMustArriveWhole() {
    assertThat(EdgeLimits.allowedUpload(200, FIVE_MB_ECHO)).isEmpty();

    assertThat(EdgeLimits.allowedUpload(413, "<html>413 Request Entity Too Large</html>"))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.actual()).isEqualTo("413");
              assertThat(p.hint()).contains("client_max_body_size 5m");
            });
    assertThat(
            EdgeLimits.allowedUpload(
                200, FIVE_MB_ECHO.replace("\"bodySize\": 5242880", "\"bodySize\": 1048576")))
        .singleElement()
        .satisfies(
            p -> assertThat(p.actual()).isEqualTo("200, the backend received 1048576 bytes"));
  }

  @Test
  void sixMegabytesMustBeRefused() {
    assertThat(EdgeLimits.tooLargeUpload(413)).isEmpty();
    assertThat(EdgeLimits.tooLargeUpload(200))
        .singleElement()
        .satisfies(p -> assertThat(p.hint()).contains("0 would mean no limit"));
  }
}
