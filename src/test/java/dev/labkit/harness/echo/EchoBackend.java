package dev.labkit.harness.echo;

import dev.labkit.harness.docker.KitContainers;
import dev.labkit.harness.docker.LogLineOrExit;
import java.time.Duration;
import java.util.regex.Pattern;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.utility.DockerImageName;

/**
 * The kit's echo service ({@code labkit/echo-backend}, port 8080): answers every request with JSON
 * naming its instance, the method, path, query, headers and body size it received, and echoes
 * WebSocket messages on {@code /ws}. Reachable on its network under the instance name.
 */
public final class EchoBackend extends GenericContainer<EchoBackend> {

  public static final int PORT = 8080;

  private final String instance;

  public EchoBackend(DockerImageName image, Network network, String instance) {
    super(image);
    this.instance = instance;
    withNetwork(network);
    withNetworkAliases(instance);
    withEnv("INSTANCE", instance);
    withExposedPorts(PORT);
    waitingFor(
        new LogLineOrExit(
            "echo backend " + instance + " listening",
            Pattern.compile("listening on :" + PORT),
            Duration.ofSeconds(30)));
    KitContainers.label(this);
  }

  public String instance() {
    return instance;
  }
}
