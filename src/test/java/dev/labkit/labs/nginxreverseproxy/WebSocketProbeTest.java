package dev.labkit.labs.nginxreverseproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class WebSocketProbeTest {

  @Test
  void theEchoPassesAnythingElseIsShown() {
    assertThat(WebSocketProbe.echoed("labkit says hello")).isEmpty();
    assertThat(WebSocketProbe.echoed("hello"))
        .singleElement()
        .satisfies(p -> assertThat(p.actual()).isEqualTo("hello"));
  }

  @Test
  void aRefusedUpgradeNamesTheCauseAndTheHeaders() {
    // The JDK client fails the opening handshake with an IOException when nginx does not answer
    // 101.
    var problem = WebSocketProbe.notOpened(new IOException("Invalid response status code: 200"));

    assertThat(problem.actual()).isEqualTo("IOException: Invalid response status code: 200");
    assertThat(problem.hint()).contains("proxy_set_header Upgrade $http_upgrade;");
  }
}
