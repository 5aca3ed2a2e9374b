package dev.labkit.labs.dockerbasics;

import dev.labkit.apps.notesapi.NotesApiDatabase;
import dev.labkit.harness.docker.DockerEngine;
import dev.labkit.harness.docker.KitContainers;
import dev.labkit.harness.docker.LogLineOrExit;
import dev.labkit.harness.postgres.PostgresContainer;
import dev.labkit.harness.run.LabContext;
import java.time.Duration;
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
  static final NotesApiDatabase DB =
      new NotesApiDatabase("db", PostgresContainer.PORT, "notes", "notes", "labkit-db-password");

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
        new PostgresContainer(postgres, DB.name(), DB.user(), DB.password())
            .withNetwork(network)
            .withNetworkAliases(DB.host());
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
            .withEnv(DB.settings())
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
