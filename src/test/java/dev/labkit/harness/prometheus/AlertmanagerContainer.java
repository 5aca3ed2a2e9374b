package dev.labkit.harness.prometheus;

import dev.labkit.harness.docker.KitContainers;
import dev.labkit.harness.docker.LogLineOrExit;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * Alertmanager from {@code prom/alertmanager:v0.28.x} (or the kit's stand-in), port 9093, with the
 * learner's {@code alertmanager.yml}. Clustering is switched off: one instance, and no gossip port
 * to announce on a container network.
 */
public final class AlertmanagerContainer extends GenericContainer<AlertmanagerContainer> {

  public static final int PORT = 9093;
  public static final String CONFIG_PATH = "/etc/alertmanager/alertmanager.yml";

  private static final Pattern READY =
      Pattern.compile("Listening on|Listening address", Pattern.CASE_INSENSITIVE);

  public AlertmanagerContainer(DockerImageName image) {
    super(image.asCompatibleSubstituteFor("prom/alertmanager"));
    withExposedPorts(PORT);
    withCommand(
        "--config.file=" + CONFIG_PATH,
        "--storage.path=/alertmanager",
        "--cluster.listen-address=");
    waitingFor(new LogLineOrExit("Alertmanager starts", READY, Duration.ofSeconds(60)));
    KitContainers.label(this);
  }

  public AlertmanagerContainer withConfig(String yaml) {
    return withCopyToContainer(
        Transferable.of(yaml.getBytes(StandardCharsets.UTF_8), 0644), CONFIG_PATH);
  }

  public AlertmanagerApi api() {
    return new AlertmanagerApi(getMappedPort(PORT));
  }
}
