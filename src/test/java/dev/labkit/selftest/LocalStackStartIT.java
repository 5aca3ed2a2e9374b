package dev.labkit.selftest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.dockerjava.api.model.ContainerPort;
import com.github.dockerjava.api.model.Ports;
import dev.labkit.harness.docker.KitContainers;
import dev.labkit.harness.images.ImageCatalog;
import dev.labkit.harness.run.EnvironmentProblem;
import dev.labkit.harness.run.KitRoot;
import dev.labkit.harness.run.LabSettings;
import dev.labkit.harness.s3.LocalStackS3;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.utility.DockerImageName;

/**
 * LocalStack as the kit starts it: tags after 4.14.0 exit with code 55 when no auth token is given,
 * and the kit must say so in one sentence, at once, instead of waiting out the start-up timeout
 * (the image here imitates that behaviour on the offline base image); and its port, like every kit
 * container's, is published on 127.0.0.1 only.
 */
class LocalStackStartIT {

  @Test
  void aTagThatNeedsAnAccountIsExplainedAtOnce() {
    var needsToken =
        new ImageFromDockerfile("labkit/test-localstack-needs-token:selftest", false)
            .withDockerfileFromBuilder(
                dockerfile ->
                    dockerfile
                        .from("labkit/debian:trixie")
                        .run(
                            "printf '#!/bin/bash\\necho \"LOCALSTACK_AUTH_TOKEN is required\"\\nexit 55\\n' > /usr/local/bin/docker-entrypoint.sh"
                                + " && chmod +x /usr/local/bin/docker-entrypoint.sh")
                        .entryPoint("/usr/local/bin/docker-entrypoint.sh")
                        .build());
    var image = DockerImageName.parse(needsToken.get());
    Throwable thrown;
    try {
      thrown = catchThrowable(() -> new LocalStackS3(image).start());
    } finally {
      // Ryuk is off, so Testcontainers would leave the image behind.
      DockerClientFactory.lazyClient()
          .removeImageCmd(image.asCanonicalNameString())
          .withForce(true)
          .exec();
    }

    assertThat(thrown).isInstanceOf(EnvironmentProblem.class).hasMessageContaining("exit code 55");
    assertThat(((EnvironmentProblem) thrown).hint())
        .contains("LOCALSTACK_AUTH_TOKEN", "localstack/localstack:4.14.0");
  }

  @Test
  void aKitContainerPublishesItsPortsOnLoopbackOnly() throws Exception {
    var image =
        ImageCatalog.load(KitRoot.locate(), new LabSettings(key -> Optional.empty()))
            .image("localstack");
    try (var localstack = new LocalStackS3(image).start()) {
      var endpoint = localstack.endpoint().orElseThrow();
      var docker = DockerClientFactory.lazyClient();
      var session =
          Map.of(
              KitContainers.LABEL_SESSION, KitContainers.labels().get(KitContainers.LABEL_SESSION));
      var running = docker.listContainersCmd().withLabelFilter(session).exec();
      assertThat(running).as("this run's containers").isNotEmpty();

      // Other ITs of this JVM run beside this one and share its session label; some of their
      // containers publish nothing, so each binding is judged, not each container's list.
      for (var container : running) {
        var inspected = docker.inspectContainerCmd(container.getId()).exec();
        var asked = inspected.getHostConfig().getPortBindings().getBindings();
        var published = inspected.getNetworkSettings().getPorts().getBindings();
        assertThat(asked.values().stream().flatMap(Arrays::stream).map(Ports.Binding::getHostIp))
            .as("host addresses %s asked for by %s", asked, inspected.getName())
            .allMatch(KitContainers.LOOPBACK::equals);
        assertThat(
                published.values().stream()
                    .filter(bindings -> bindings != null)
                    .flatMap(Arrays::stream)
                    .map(Ports.Binding::getHostIp))
            .as("host addresses %s published by %s", published, inspected.getName())
            .allMatch(KitContainers.LOOPBACK::equals);
      }
      assertThat(
              running.stream()
                  .flatMap(container -> Arrays.stream(container.getPorts()))
                  .filter(port -> port.getPublicPort() != null)
                  .filter(port -> port.getPublicPort() == endpoint.getPort())
                  .map(ContainerPort::getIp))
          .as("the host address LocalStack's port %d is published on", endpoint.getPort())
          .containsExactly(KitContainers.LOOPBACK);

      // getMappedPort still finds the port: LocalStack answers on the endpoint the kit uses.
      var health =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(endpoint.resolve("/_localstack/health"))
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(endpoint.getHost()).isEqualTo(KitContainers.LOOPBACK);
      assertThat(health.statusCode())
          .as("GET %s", URI.create(endpoint + "/_localstack/health"))
          .isEqualTo(200);
    }
  }
}
