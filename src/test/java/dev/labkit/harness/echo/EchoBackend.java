package dev.labkit.harness.echo;

import com.github.dockerjava.api.model.Capability;
import dev.labkit.harness.docker.KitContainers;
import dev.labkit.harness.docker.LogLineOrExit;
import java.io.IOException;
import java.io.UncheckedIOException;
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

  /**
   * Lets {@link #silence()} work: the container may change its own network namespace's packet
   * filter (NET_ADMIN there reaches nothing beyond it).
   */
  public EchoBackend withSilenceSwitch() {
    return withCreateContainerCmdModifier(
        create -> create.getHostConfig().withCapAdd(Capability.NET_ADMIN));
  }

  /**
   * From now on the service drops every packet that comes to its port from outside, as a host that
   * vanished: a connection attempt gets no answer at all, so a proxy waits its connect timeout.
   * Stopping the container is not the same: the address may then answer "no route to host" at once,
   * whenever the neighbour cache has forgotten it, and pausing still completes handshakes.
   */
  public void silence() {
    try {
      var result =
          execInContainerWithUser(
              "root",
              "iptables",
              "-I",
              "INPUT",
              "-p",
              "tcp",
              "--dport",
              String.valueOf(PORT),
              "!",
              "-i",
              "lo",
              "-j",
              "DROP");
      if (result.getExitCode() != 0) {
        throw new IllegalStateException(
            "could not silence echo backend " + instance + ": " + result.getStderr().strip());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
