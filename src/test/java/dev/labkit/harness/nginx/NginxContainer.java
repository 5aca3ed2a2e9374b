package dev.labkit.harness.nginx;

import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.command.InspectContainerResponse;
import dev.labkit.harness.docker.KitContainers;
import dev.labkit.harness.docker.LogLineOrExit;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * nginx from the official image ({@code nginx:1.26.x}) or the kit's offline stand-in, with the
 * learner's complete {@code nginx.conf}. Exposes 80 and 443. Ready when the official entrypoint
 * prints "Configuration complete; ready for start up", and fails at once if nginx exits instead.
 */
public final class NginxContainer extends GenericContainer<NginxContainer> {

  public static final int HTTP_PORT = 80;
  public static final int HTTPS_PORT = 443;
  public static final String CONF_PATH = "/etc/nginx/nginx.conf";
  public static final String HTML_PATH = "/usr/share/nginx/html";

  private static final Pattern READY =
      Pattern.compile("Configuration complete; ready for start up");

  /** In /proc/net/tcp: local port 80 (0050) or 443 (01BB), any remote, state 0A (LISTEN). */
  private static final Pattern LISTENING =
      Pattern.compile(":(0050|01BB) [0-9A-F]{8,32}:0000 0A", Pattern.CASE_INSENSITIVE);

  public NginxContainer(DockerImageName image) {
    super(image.asCompatibleSubstituteFor("nginx"));
    withExposedPorts(HTTP_PORT, HTTPS_PORT);
    waitingFor(new LogLineOrExit("nginx starts", READY, Duration.ofSeconds(30)));
    KitContainers.label(this);
  }

  /**
   * The entrypoint prints its ready line just before nginx binds its ports; wait (bounded) until
   * something listens on 80 or 443 inside the container, so the first check does not meet a
   * connection reset. A configuration that listens on neither is left for the checks to report. A
   * container that has already exited (a one-shot {@code nginx -t}, or an nginx that stopped at
   * once) listens on nothing: waiting for it would only add the whole bound to every run.
   */
  @Override
  protected void containerIsStarted(InspectContainerResponse containerInfo) {
    // containerInfo was read before the start-up check waited; ask the engine now.
    if (!isRunning()) {
      return;
    }
    try {
      await("nginx listens on port 80 or 443")
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(100))
          .ignoreExceptions()
          .until(this::listensOnHttpOrHttps);
    } catch (ConditionTimeoutException notListening) {
      // the http-redirect and tls checks say what is missing
    }
  }

  private boolean listensOnHttpOrHttps() throws Exception {
    var sockets = execInContainer("cat", "/proc/net/tcp", "/proc/net/tcp6").getStdout();
    return LISTENING.matcher(sockets).find();
  }

  /** The learner's main configuration, as text already read safely from the workspace. */
  public NginxContainer withNginxConf(String text) {
    return withCopyToContainer(
        Transferable.of(text.getBytes(StandardCharsets.UTF_8), 0644), CONF_PATH);
  }

  public NginxContainer withSite(Path htmlFolder) {
    return withCopyToContainer(MountableFile.forHostPath(htmlFolder), HTML_PATH);
  }

  /**
   * A certificate and its private key (PEM), where the lab's configuration expects them; the key
   * readable by its owner only.
   */
  public NginxContainer withCertificate(
      String certificatePath, byte[] certificatePem, String keyPath, byte[] keyPem) {
    return withCopyToContainer(Transferable.of(certificatePem, 0644), certificatePath)
        .withCopyToContainer(Transferable.of(keyPem, 0600), keyPath);
  }

  public URI httpUrl(String pathAndQuery) {
    return URI.create("http://localhost:" + getMappedPort(HTTP_PORT) + pathAndQuery);
  }

  public URI httpsUrl(String pathAndQuery) {
    return URI.create("https://localhost:" + getMappedPort(HTTPS_PORT) + pathAndQuery);
  }

  /** {@code nginx -T}: the effective configuration, every included file expanded. */
  public String effectiveConfiguration() {
    try {
      var result = execInContainer("nginx", "-T");
      return result.getStdout() + result.getStderr();
    } catch (Exception e) {
      throw new IllegalStateException("nginx -T failed: " + e.getMessage(), e);
    }
  }
}
