package dev.labkit.labs.dockerbasics;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import dev.labkit.harness.compose.ComposeProject;
import dev.labkit.harness.docker.DockerCli;
import dev.labkit.harness.docker.KitContainers;
import dev.labkit.harness.http.HttpSpecs;
import java.time.Duration;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The learner's compose.yaml run as a Compose project of this run's own. The kit's override only
 * moves published ports to 127.0.0.1 with a port Docker picks (parallel runs, and a machine whose
 * 8080 is taken), drops fixed container and image names, and labels everything as the kit's. Which
 * ports the learner publishes is read from {@code docker compose config} instead.
 */
final class NotesStack {

  static final Duration UP_LIMIT = Duration.ofSeconds(120);
  static final Duration DB_READY_LIMIT = Duration.ofSeconds(60);
  static final Duration API_ANSWER_LIMIT = Duration.ofSeconds(60);

  private NotesStack() {}

  static ComposeProject project(StagedLab staged, String purpose) {
    return ComposeProject.create(staged.root, StagedLab.COMPOSE, purpose, override());
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
    return project.upWithoutDependencies(UP_LIMIT, "api");
  }

  /**
   * Waits until the api answers GET /health on its published port: without a health check, {@code
   * up --wait} returns as soon as the JVM starts.
   */
  static boolean awaitApi(int port) {
    try {
      await("the api to answer GET /health")
          .atMost(API_ANSWER_LIMIT)
          .pollInterval(Duration.ofMillis(300))
          .ignoreExceptions()
          .until(() -> given().spec(HttpSpecs.http(port)).get("/health").statusCode() == 200);
      return true;
    } catch (ConditionTimeoutException e) {
      return false;
    }
  }

  static String override() {
    var labels =
        KitContainers.labels().entrySet().stream()
            .map(label -> "      " + label.getKey() + ": \"" + label.getValue() + "\"")
            .sorted()
            .collect(Collectors.joining("\n"));
    return """
        # Written by labkit for this run only; see NotesStack.
        services:
          api:
            ports: !override
              - "127.0.0.1::8080"
            container_name: !reset null
            image: !reset null
            labels:
        %1$s
          db:
            ports: !reset []
            container_name: !reset null
            labels:
        %1$s
        networks:
          default:
            labels:
        %1$s
        """
        .formatted(labels);
  }
}
