package dev.labkit.labs.githubactions;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.labkit.apps.notesapi.NotesApiDatabase;
import dev.labkit.harness.docker.DockerCli;
import dev.labkit.harness.docker.DockerEngine;
import dev.labkit.harness.docker.EngineContainer;
import dev.labkit.harness.docker.KitContainers;
import dev.labkit.harness.http.HttpSpecs;
import dev.labkit.harness.postgres.PostgresContainer;
import dev.labkit.harness.registry.RegistryContainer;
import dev.labkit.harness.run.KeepableStack;
import dev.labkit.harness.run.LabContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.testcontainers.containers.Network;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.MountableFile;

/**
 * The server the pipeline deploys to, as a learner would rent one: a machine with its own Docker
 * engine (a container of the act-runner image), the app's settings in {@link #ENV_FILE}, a
 * PostgreSQL it reaches by address, and the registry {@code registry:5000} it pulls from. The
 * learner's {@code deploy/} is copied to {@link #REPO}. Closing removes all of it; the pipeline's
 * server may be kept running instead ({@code -Dlabkit.keep=true}).
 */
final class DeployServer implements KeepableStack {

  static final String ENV_FILE = "/etc/notes-api/notes-api.env";
  static final String REPO = "/srv/notes-api";
  static final String REGISTRY = "registry:" + RegistryContainer.PORT;
  static final String APP_REPOSITORY = "notes-api";
  static final int APP_PORT = 8080;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Network network;
  private final List<AutoCloseable> started = new ArrayList<>();
  final PostgresContainer db;
  final RegistryContainer registry;
  final EngineContainer server;

  private DeployServer(
      Network network, PostgresContainer db, RegistryContainer registry, EngineContainer server) {
    this.network = network;
    this.db = db;
    this.registry = registry;
    this.server = server;
  }

  /**
   * Starts the database, the registry (with basic auth when {@code registryAuth} is given) and the
   * server on a network of their own.
   */
  static DeployServer start(LabContext lab, Optional<Map.Entry<String, String>> registryAuth) {
    return start(lab, registryAuth, false);
  }

  /** As above; {@code keepable}: the learner may keep it after the run (the pipeline's server). */
  static DeployServer start(
      LabContext lab, Optional<Map.Entry<String, String>> registryAuth, boolean keepable) {
    var images = lab.images();
    List.of("postgres", "registry", "act-runner")
        .forEach(name -> DockerEngine.requireImage(images.image(name)));
    var network = KitContainers.newNetwork();
    var keep = keepable && lab.settings().keep();
    var db =
        KitContainers.keepable(
            new PostgresContainer(
                    images.image("postgres"), "notes", "notes", "db-" + UUID.randomUUID())
                .withNetwork(network),
            keep);
    var registry =
        KitContainers.keepable(
            new RegistryContainer(images.image("registry"))
                .withNetwork(network)
                .withNetworkAliases("registry"),
            keep);
    registryAuth.ifPresent(auth -> registry.withBasicAuth(auth.getKey(), auth.getValue()));
    var server =
        KitContainers.keepable(
            new EngineContainer(images.image("act-runner"))
                .withNetwork(network)
                .withNetworkAliases("server")
                .withExposedPorts(APP_PORT)
                .withEngineArguments("--insecure-registry", REGISTRY),
            keep);
    var deployServer = new DeployServer(network, db, registry, server);
    try {
      lab.console()
          .step(
              "starting PostgreSQL and the registry",
              () -> {
                db.start();
                deployServer.started.add(db::stop);
                registry.start();
                deployServer.started.add(registry::stop);
              });
      server.withCopyToContainer(
          Transferable.of(deployServer.envFile().getBytes(StandardCharsets.UTF_8), 0600), ENV_FILE);
      lab.console().step("starting the server (its own Docker engine)", server::start);
      deployServer.started.add(server::stop);
      return deployServer;
    } catch (RuntimeException e) {
      deployServer.close();
      throw e;
    }
  }

  /** The app's settings, as the server's admin keeps them: the database by its address. */
  private String envFile() {
    var address =
        db.getContainerInfo().getNetworkSettings().getNetworks().values().stream()
            .filter(endpoint -> network.getId().equals(endpoint.getNetworkID()))
            .map(endpoint -> endpoint.getIpAddress())
            .findFirst()
            .orElseThrow();
    return NotesApiDatabase.of(db, address).settings().entrySet().stream()
            .map(entry -> entry.getKey() + "=" + entry.getValue())
            .sorted()
            .collect(Collectors.joining("\n"))
        + "\n";
  }

  /** Copies a folder of the staged repository to the same place under {@link #REPO}. */
  void copyIntoRepo(Path repoRoot, String folder) {
    server.copyFileToContainer(
        MountableFile.forHostPath(repoRoot.resolve(folder), 0755), REPO + "/" + folder);
  }

  /**
   * Runs {@code ./deploy/deploy.sh image} in {@link #REPO} on the server, as the deploy job does.
   */
  DockerCli.Result deploy(String image, Duration limit) {
    return server.exec(
        limit,
        "sh",
        "-c",
        "cd " + REPO + " && exec ./" + PipelineRepo.DEPLOY_SCRIPT + " \"$0\"",
        image);
  }

  /** The app's containers on the server (any state), from any version in the registry. */
  List<AppContainer> appContainers() {
    var listed =
        server.exec(
            Duration.ofSeconds(30),
            "docker",
            "ps",
            "--all",
            "--no-trunc",
            "--format",
            "{{json .}}");
    var containers = new ArrayList<AppContainer>();
    for (var line : listed.output().split("\n")) {
      if (!line.startsWith("{")) {
        continue;
      }
      try {
        JsonNode container = JSON.readTree(line);
        var image = container.path("Image").asText();
        if (image.startsWith(REGISTRY + "/" + APP_REPOSITORY)) {
          containers.add(
              new AppContainer(
                  container.path("Names").asText(), image, container.path("State").asText()));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return containers;
  }

  /** Whether GET /health on the server's port 8080 answers 200 within {@code limit}. */
  boolean answers(Duration limit) {
    try {
      await("the app answers /health on the server's port 8080")
          .atMost(limit)
          .pollInterval(Duration.ofMillis(500))
          .until(() -> healthStatus() == 200);
      return true;
    } catch (ConditionTimeoutException e) {
      return false;
    }
  }

  /** GET /health on the server's port 8080, from outside; 0 when nothing answers. */
  int healthStatus() {
    try {
      return HttpSpecs.http(server.getMappedPort(APP_PORT)).get("/health").statusCode();
    } catch (Exception refused) {
      // RestAssured throws the HTTP client's checked exceptions unwrapped (no response, reset)
      return 0;
    }
  }

  /** One container of the app on the server. */
  record AppContainer(String name, String image, String state) {
    String version() {
      return image.substring(image.lastIndexOf(':') + 1);
    }

    @Override
    public String toString() {
      return name + " (" + image + ", " + state + ")";
    }
  }

  @Override
  public List<String> containerIds() {
    return KitContainers.runningIds(server, registry, db);
  }

  @Override
  public List<String> howToTouch() {
    var name = KitContainers.name(server);
    return List.of(
        "# the server the pipeline deployed to: a container with its own Docker engine",
        "docker exec " + name + " docker ps",
        "docker exec " + name + " sh -c 'docker logs $(docker ps -q | head -n 1)'",
        "curl -fsS localhost:" + server.getMappedPort(APP_PORT) + "/health",
        "# the images the server pulled from the registry",
        "docker exec " + name + " docker images " + REGISTRY + "/" + APP_REPOSITORY);
  }

  @Override
  public void close() {
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception ignored) {
        // removal is best effort here; KitContainers reaps what is left
      }
    }
    network.close();
  }
}
