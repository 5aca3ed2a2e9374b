package dev.labkit.labs.dockerbasics;

import dev.labkit.harness.docker.DockerEngine;
import dev.labkit.harness.docker.KitContainers;
import dev.labkit.harness.docker.LogLineOrExit;
import dev.labkit.harness.postgres.PostgresContainer;
import dev.labkit.harness.run.LabContext;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.utility.DockerImageName;

/**
 * The learner's image run the plain way, {@code docker run}, next to a PostgreSQL container named
 * {@code db} on a network of its own: what the image checks (user, health, stop) look at. Each
 * {@link #startApi()} is a fresh container; closing removes them all and the network.
 */
final class ApiRuntime implements AutoCloseable {

  static final Duration API_READY_LIMIT = Duration.ofSeconds(60);
  static final Map<String, String> DB_SETTINGS =
      Map.of(
          "DB_HOST", "db",
          "DB_PORT", "5432",
          "DB_NAME", "notes",
          "DB_USER", "notes",
          "DB_PASSWORD", "labkit-db-password");

  private final Network network;
  private final GenericContainer<?> db;
  private final DockerImageName image;
  private final java.util.List<GenericContainer<?>> apis =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  private ApiRuntime(Network network, GenericContainer<?> db, DockerImageName image) {
    this.network = network;
    this.db = db;
    this.image = image;
  }

  static ApiRuntime start(LabContext lab, LearnerImage learnerImage) {
    var postgres = lab.images().image("postgres");
    DockerEngine.requireImage(postgres);
    var network = KitContainers.newNetwork();
    var db =
        new PostgresContainer(
                postgres,
                DB_SETTINGS.get("DB_NAME"),
                DB_SETTINGS.get("DB_USER"),
                DB_SETTINGS.get("DB_PASSWORD"))
            .withNetwork(network)
            .withNetworkAliases("db");
    var runtime = new ApiRuntime(network, db, DockerImageName.parse(learnerImage.tag));
    try {
      lab.console().step("starting PostgreSQL for the image checks", db::start);
    } catch (RuntimeException e) {
      runtime.close();
      throw e;
    }
    return runtime;
  }

  /**
   * Starts a container of the learner's image with the database settings and waits until the app
   * says it listens; throws {@link LogLineOrExit.ContainerExited} when it exits first.
   */
  GenericContainer<?> startApi() {
    var api =
        KitContainers.label(new GenericContainer<>(image))
            .withNetwork(network)
            .withEnv(DB_SETTINGS)
            .waitingFor(
                new LogLineOrExit(
                    "the notes API to listen",
                    Pattern.compile("notes-api: listening"),
                    API_READY_LIMIT));
    apis.add(api);
    api.start();
    return api;
  }

  @Override
  public void close() {
    apis.forEach(GenericContainer::stop);
    db.stop();
    network.close();
  }
}
