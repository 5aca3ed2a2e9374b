package dev.labkit.labs.nginxreverseproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FailoverTrialTest {

  @Test
  void aStreamAnsweredInFullPasses() {
    assertThat(FailoverTrial.judge(List.of(), 52)).isEmpty();
  }

  @Test
  void theRequestsThatMetTheSilentServerAreNamedWithTheirTime() {
    var failures =
        List.of(
            new FailoverTrial.Failure(Duration.ofMillis(2100), "a request got 504"),
            new FailoverTrial.Failure(Duration.ofMillis(12300), "a request got 504"));

    assertThat(FailoverTrial.judge(failures, 48))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message())
                  .isEqualTo("with app2 silent, 2 of 48 API requests over 15 s failed");
              assertThat(p.actual())
                  .isEqualTo("2.1 s after: a request got 504; 12.3 s after: a request got 504");
              assertThat(p.hint()).contains("proxy_next_upstream");
            });
  }

  @Test
  void aLongListShowsItsFirstFive() {
    var failures =
        IntStream.range(0, 7)
            .mapToObj(
                i -> new FailoverTrial.Failure(Duration.ofSeconds(i), "a request got no answer"))
            .toList();

    assertThat(FailoverTrial.judge(failures, 20))
        .singleElement()
        .satisfies(p -> assertThat(p.actual()).endsWith("; …").contains("4.0 s after"));
  }
}
