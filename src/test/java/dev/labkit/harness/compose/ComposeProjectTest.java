package dev.labkit.harness.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.labkit.harness.docker.DockerCli;
import org.junit.jupiter.api.Test;

class ComposeProjectTest {

  @Test
  void aStartThatLostTheHostPortRaceIsTriedAgain() {
    var lost =
        new DockerCli.Result(
            1,
            """
             Container labkit-1-ab-50-order-api-1  Starting
            Error response from daemon: driver failed programming external connectivity on \
            endpoint labkit-1-ab-50-order-api-1 (04ab9e): Error starting userland proxy: \
            listen tcp4 127.0.0.1:32876: bind: address already in use
            """,
            false);

    assertThat(ComposeProject.lostHostPortRace(lost)).isTrue();
  }

  @Test
  void otherFailuresAndSuccessesAreNotTriedAgain() {
    var unhealthy =
        new DockerCli.Result(1, "container labkit-1-ab-50-order-api-1 is unhealthy", false);
    var started =
        new DockerCli.Result(0, "Error starting userland proxy: address already in use", false);

    assertThat(ComposeProject.lostHostPortRace(unhealthy)).isFalse();
    assertThat(ComposeProject.lostHostPortRace(started)).isFalse();
  }
}
