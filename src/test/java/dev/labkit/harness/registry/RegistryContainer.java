package dev.labkit.harness.registry;

import dev.labkit.harness.docker.KitContainers;
import dev.labkit.harness.docker.LogLineOrExit;
import dev.labkit.harness.http.HttpSpecs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;
import org.mindrot.jbcrypt.BCrypt;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * An image registry from Distribution's official image ({@code registry:2}), standing in for Docker
 * Hub: port 5000, storage in the container, and optionally basic auth from an htpasswd file
 * (bcrypt, the only hash the registry takes). Other containers on its network reach it by the alias
 * given to {@link #withNetworkAliases}.
 */
public final class RegistryContainer extends GenericContainer<RegistryContainer> {

  public static final int PORT = 5000;
  private static final String HTPASSWD = "/auth/htpasswd";
  private static final Pattern READY = Pattern.compile("listening on \\[?[:0-9.]*\\]?:5000");

  private String user;
  private String password;

  public RegistryContainer(DockerImageName image) {
    super(image.asCompatibleSubstituteFor("registry"));
    withExposedPorts(PORT);
    waitingFor(new LogLineOrExit("the registry starts", READY, Duration.ofSeconds(30)));
    KitContainers.label(this);
  }

  /** Pushes and pulls need {@code docker login} with this user and password. */
  public RegistryContainer withBasicAuth(String user, String password) {
    this.user = user;
    this.password = password;
    var line = user + ":" + BCrypt.hashpw(password, BCrypt.gensalt(10)) + "\n";
    return withCopyToContainer(
            Transferable.of(line.getBytes(StandardCharsets.UTF_8), 0644), HTPASSWD)
        .withEnv("REGISTRY_AUTH", "htpasswd")
        .withEnv("REGISTRY_AUTH_HTPASSWD_REALM", "labkit registry")
        .withEnv("REGISTRY_AUTH_HTPASSWD_PATH", HTPASSWD);
  }

  /** Where the machine's engine pushes: a 127.0.0.1 address, which Docker allows over HTTP. */
  public String hostAddress() {
    return "127.0.0.1:" + getMappedPort(PORT);
  }

  /** Whether the registry holds {@code repository:tag} (a manifest or an index). */
  public boolean hasImage(String repository, String tag) {
    var request =
        HttpSpecs.http(getMappedPort(PORT))
            .accept(
                String.join(
                    ", ",
                    "application/vnd.oci.image.index.v1+json",
                    "application/vnd.oci.image.manifest.v1+json",
                    "application/vnd.docker.distribution.manifest.list.v2+json",
                    "application/vnd.docker.distribution.manifest.v2+json"));
    if (user != null) {
      request = request.auth().preemptive().basic(user, password);
    }
    return request.head("/v2/" + repository + "/manifests/" + tag).statusCode() == 200;
  }
}
