package dev.labkit.harness.prometheus;

import dev.labkit.harness.docker.KitContainers;
import dev.labkit.harness.docker.LogLineOrExit;
import java.time.Duration;
import java.util.regex.Pattern;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.utility.DockerImageName;

/**
 * One of the kit's demo services ({@code labkit/metrics-demo}) on a lab network: {@code shop}
 * (metrics at /metrics, GET /order and /fail), {@code billing} (metrics at /internal/metrics, port
 * 9100) or {@code hooks} (a webhook receiver; GET /received lists what was posted).
 */
public final class DemoService extends GenericContainer<DemoService> {

  private final int port;

  public DemoService(DockerImageName image, Network network, String mode, int port) {
    super(image);
    this.port = port;
    withNetwork(network);
    withNetworkAliases(mode);
    withEnv("MODE", mode);
    withEnv("PORT", Integer.toString(port));
    withExposedPorts(port);
    waitingFor(
        new LogLineOrExit(
            "demo service " + mode + " listening",
            Pattern.compile("listening on :" + port),
            Duration.ofSeconds(30)));
    KitContainers.label(this);
  }

  public int servicePort() {
    return port;
  }

  public int mappedPort() {
    return getMappedPort(port);
  }
}
