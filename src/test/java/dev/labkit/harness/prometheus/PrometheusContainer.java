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
 * Prometheus from {@code prom/prometheus:v2.53.x} (or the kit's stand-in), port 9090, with the
 * learner's {@code prometheus.yml} at /etc/prometheus/prometheus.yml and rule files under
 * /etc/prometheus/rules/. Ready when it logs "Server is ready to receive web requests"; an invalid
 * configuration makes it exit, which is reported at once.
 */
public final class PrometheusContainer extends GenericContainer<PrometheusContainer> {

  public static final int PORT = 9090;
  public static final String CONFIG_PATH = "/etc/prometheus/prometheus.yml";
  public static final String RULES_DIR = "/etc/prometheus/rules/";

  private static final Pattern READY = Pattern.compile("Server is ready to receive web requests");

  public PrometheusContainer(DockerImageName image) {
    super(image.asCompatibleSubstituteFor("prom/prometheus"));
    withExposedPorts(PORT);
    waitingFor(new LogLineOrExit("Prometheus starts", READY, Duration.ofSeconds(60)));
    KitContainers.label(this);
  }

  public PrometheusContainer withConfig(String yaml) {
    return withCopyToContainer(
        Transferable.of(yaml.getBytes(StandardCharsets.UTF_8), 0644), CONFIG_PATH);
  }

  public PrometheusContainer withRuleFile(String fileName, String yaml) {
    return withCopyToContainer(
        Transferable.of(yaml.getBytes(StandardCharsets.UTF_8), 0644), RULES_DIR + fileName);
  }

  public PrometheusApi api() {
    return new PrometheusApi(getMappedPort(PORT));
  }
}
