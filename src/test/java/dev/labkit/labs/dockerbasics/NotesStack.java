package dev.labkit.labs.dockerbasics;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.labkit.harness.compose.ComposeProject;
import dev.labkit.harness.docker.DockerCli;
import dev.labkit.harness.docker.DockerEngine;
import dev.labkit.harness.docker.KitContainers;
import dev.labkit.harness.docker.ResourceLimits;
import dev.labkit.harness.feedback.Feedback;
import dev.labkit.harness.http.HttpSpecs;
import dev.labkit.harness.run.LabContext;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The learner's compose.yaml run as a Compose project of this run's own, once {@link
 * dev.labkit.harness.compose.ComposePolicy} has vetted it. The kit's override only moves published
 * ports to 127.0.0.1 with a port Docker picks (parallel runs, and a machine whose 8080 is taken),
 * drops fixed container names and the image name of every service that builds, bounds resources,
 * and labels everything as the kit's. Which ports the learner publishes is read from {@code docker
 * compose config} instead.
 */
final class NotesStack {

  static final Duration UP_LIMIT = Duration.ofSeconds(120);
  static final Duration DB_READY_LIMIT = Duration.ofSeconds(60);
  static final Duration API_ANSWER_LIMIT = Duration.ofSeconds(60);

  static final String NEEDS_DOCKER = "This lab runs docker compose; it has no Docker-free mode.";

  private NotesStack() {}

  /**
   * {@code docker compose config} of the learner's compose.yaml, vetted before anything runs (the
   * grading machine is shared: {@link dev.labkit.harness.compose.ComposePolicy}); fails with the
   * file's problem when it cannot be read.
   */
  static JsonNode vettedModel(LabContext lab, StagedLab staged) {
    var feedback = new Feedback();
    lab.workspace().readText(StagedLab.COMPOSE, feedback);
    feedback.assertNone();
    DockerEngine.requireEngine(NEEDS_DOCKER);
    return ComposeProject.vettedModel(
        staged.root,
        StagedLab.COMPOSE,
        lab.session().composeProjectName("config"),
        staged.buildRun);
  }

  /**
   * A project of this run for the learner's compose file, in a copy of the staged lab of its own
   * (bind mounts never meet another project's); both go when the run ends.
   */
  static ComposeProject project(LabContext lab, StagedLab staged, JsonNode model, String purpose) {
    return project(lab, staged, model, purpose, "");
  }

  /**
   * A project as above whose db service also gets {@code dbKeys} (YAML lines indented for a
   * service's keys) in the kit's override.
   */
  static ComposeProject project(
      LabContext lab, StagedLab staged, JsonNode model, String purpose, String dbKeys) {
    var copy = lab.closeAtEnd(staged.copyFor(purpose));
    return lab.closeAtEnd(
        ComposeProject.create(
            copy.root, StagedLab.COMPOSE, purpose, name -> override(model, name, dbKeys)));
  }

  /**
   * Starts db, then api without its dependencies: the checks of the stack itself must not depend on
   * how api waits for db (that is the waits-for-db check's question).
   */
  static DockerCli.Result upOneByOne(ComposeProject project) {
    var db = project.up(UP_LIMIT, "db");
    if (!db.succeeded()) {
      return db;
    }
    // Without a health check, --wait returns once db runs, seconds before it accepts connections.
    try {
      await("PostgreSQL in db to accept TCP connections")
          .atMost(DB_READY_LIMIT)
          .pollInterval(Duration.ofMillis(500))
          .until(() -> project.exec("db", "pg_isready", "-q", "-h", "127.0.0.1").succeeded());
    } catch (ConditionTimeoutException e) {
      return new DockerCli.Result(
          1, "db never accepted connections (pg_isready -h 127.0.0.1)", false);
    }
    // Not up --wait: whether api's image reports healthy is port-and-healthcheck's question; the
    // stack is judged by api answering GET /health (awaitApi), whatever its HEALTHCHECK says.
    return project.startWithoutDependencies(UP_LIMIT.plusMinutes(5), "api");
  }

  /**
   * Waits until the api answers GET /health on its published port, or its container stops: api is
   * started without {@code --wait} (see {@link #upOneByOne}), so its JVM may still be starting.
   */
  static boolean awaitApi(ComposeProject project, int port) {
    var answered = new AtomicBoolean();
    try {
      await("the api to answer GET /health, or to stop")
          .atMost(API_ANSWER_LIMIT)
          .pollInterval(Duration.ofMillis(300))
          .until(
              () -> {
                answered.set(answersHealth(port));
                return answered.get() || !apiRunning(project);
              });
      return answered.get();
    } catch (ConditionTimeoutException e) {
      return false;
    }
  }

  private static boolean answersHealth(int port) {
    try {
      return given().spec(HttpSpecs.http(port)).get("/health").statusCode() == 200;
    } catch (Exception e) {
      // Not listening yet: Docker's port proxy resets, or closes, the connection (RestAssured
      // throws those IOExceptions unchecked).
      return false;
    }
  }

  /** Whether the project's api container runs (a restart policy may start it again). */
  static boolean apiRunning(ComposeProject project) {
    var api = project.containers("api");
    return !api.isEmpty() && Boolean.TRUE.equals(api.get(0).getState().getRunning());
  }

  /**
   * The kit's override for a project named {@code project}: for every service no fixed container
   * name and no published port (api's 8080 goes to 127.0.0.1 on a port Docker picks), no image name
   * for a service that builds (Compose names the image after the project), the kit's labels and
   * resource limits; volumes and networks the learner named globally get names of this project.
   * {@code model} is {@code docker compose config} of the learner's file.
   */
  static String override(JsonNode model, String project) {
    return override(model, project, "");
  }

  /** The override above, with {@code dbKeys} added to the db service. */
  static String override(JsonNode model, String project, String dbKeys) {
    var labels =
        KitContainers.labels().entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .map(label -> "      " + label.getKey() + ": \"" + label.getValue() + "\"")
            .collect(Collectors.joining("\n"));
    var yaml =
        new StringBuilder("# Written by labkit for this run only; see NotesStack.\nservices:\n");
    model
        .path("services")
        .fieldNames()
        .forEachRemaining(
            service -> {
              yaml.append("  ").append(service).append(":\n");
              yaml.append("    container_name: !reset null\n");
              yaml.append(
                  service.equals("api")
                      ? "    ports: !override\n      - \"127.0.0.1::8080\"\n"
                      : "    ports: !reset []\n");
              // A built image is then named after the project (removed with --rmi local): no
              // image: of the learner's can tag over an image of the machine, such as postgres:17.
              if (service.equals("api") || model.path("services").path(service).has("build")) {
                yaml.append("    image: !reset null\n");
              }
              yaml.append("    labels:\n").append(labels.replace("      ", "      ")).append('\n');
              yaml.append(ResourceLimits.CONTAINER.composeKeys("    "));
              if (service.equals("db")) {
                yaml.append(dbKeys);
              }
            });
    yaml.append(renamed(model, "volumes", project));
    yaml.append("networks:\n  default:\n    labels:\n").append(labels).append('\n');
    yaml.append(renamed(model, "networks", project).replaceFirst("^networks:\n", ""));
    return yaml.toString();
  }

  /** Top-level volumes or networks whose name the learner fixed, renamed into {@code project}. */
  private static String renamed(JsonNode model, String section, String project) {
    var entries = new StringBuilder();
    var configProject = model.path("name").asText();
    model
        .path(section)
        .fields()
        .forEachRemaining(
            entry -> {
              var key = entry.getKey();
              var name = entry.getValue().path("name").asText("");
              boolean external = entry.getValue().path("external").asBoolean(false);
              if (!external
                  && !key.equals("default")
                  && !name.isEmpty()
                  && !name.equals(configProject + "_" + key)) {
                entries
                    .append("  ")
                    .append(key)
                    .append(":\n    name: ")
                    .append(project)
                    .append('_')
                    .append(key)
                    .append('\n');
              }
            });
    return entries.length() == 0 ? "" : section + ":\n" + entries;
  }
}
