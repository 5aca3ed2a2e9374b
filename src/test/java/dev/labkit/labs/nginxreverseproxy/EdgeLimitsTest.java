package dev.labkit.labs.nginxreverseproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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
        .satisfies(p -> assertThat(p.example()).startsWith("limit_req_zone"));
    assertThat(EdgeLimits.rateLimit(statuses(Map.of(EdgeLimits.NO_ANSWER, 2, 200, 6, 429, 12))))
        .singleElement()
        .satisfies(p -> assertThat(p.actual()).isEqualTo("2 × no answer, 6 × 200, 12 × 429"));
  }

  private static PacedLogins.Outcome stream(Map<Integer, Integer> counts, long millis) {
    return new PacedLogins.Outcome(statuses(counts), Duration.ofMillis(millis));
  }

  @Test
  void aStreamUnderTheRateMustBeAnsweredWhole() {
    assertThat(EdgeLimits.underTheRate(stream(Map.of(200, 9), 3100))).isEmpty();
    assertThat(EdgeLimits.underTheRate(stream(Map.of(200, 7, 429, 2), 3100)))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.expected()).isEqualTo("9 × 200");
              assertThat(p.actual()).isEqualTo("7 × 200, 2 × 429");
              assertThat(p.hint()).contains("rate=5r/s");
            });
  }

  @Test
  void fiveASecondOverFourSecondsIsHeld() {
    // What the solution's 5r/s, burst=5 nodelay let through of 40 attempts in 3.9 s: 6 + 19.
    assertThat(EdgeLimits.overTheRate(stream(Map.of(200, 25, 429, 15), 3900))).isEmpty();
  }

  @Test
  void aRateTwiceTooHighIsNamedWithTheBoundForTheTimeTaken() {
    assertThat(EdgeLimits.overTheRate(stream(Map.of(200, 40), 3900)))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.expected())
                  .isEqualTo(
                      "at most 32 of 40 answered over 3.9 s (1 + a burst of 5 + 5 per second), the rest 429");
              assertThat(p.actual()).isEqualTo("40 × 200");
            });
  }

  @Test
  void aStreamSpreadByABusyMachineAllowsMore() {
    // The same 40 attempts took 6 s to leave: 5 per second of 6 s is 30 more, not 20.
    assertThat(EdgeLimits.overTheRate(stream(Map.of(200, 36, 429, 4), 6000))).isEmpty();
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
