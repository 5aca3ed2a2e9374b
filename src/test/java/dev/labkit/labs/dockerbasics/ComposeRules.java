package dev.labkit.labs.dockerbasics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.labkit.harness.docker.ImageReference;
import dev.labkit.harness.feedback.Feedback;
import dev.labkit.harness.feedback.Problem;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.testcontainers.utility.DockerImageName;

/**
 * What the learner's compose.yaml must say, judged on its model ({@code docker compose config
 * --format json}): services api (built from ./app) and db (PostgreSQL of the catalog's version),
 * only api publishing a port, and api waiting for a healthy db. What the running stack does is
 * judged here too, from what the checks saw of it.
 */
final class ComposeRules {

  private ComposeRules() {}

  /** Both services exist: nothing else about the stack can be judged without them. */
  static List<Problem> services(JsonNode model) {
    var feedback = new Feedback();
    var services = model.path("services");
    for (var service : List.of("api", "db")) {
      feedback.expect(
          services.has(service),
          () ->
              Problem.in(StagedLab.COMPOSE, "there is no service " + service)
                  .hint("Define services: api (build: ./app) and db (image: postgres:17)."));
    }
    return feedback.problems();
  }

  /**
   * api builds from the learner's Dockerfile; db runs PostgreSQL of {@code expectedDb}'s version.
   */
  static List<Problem> apiBuiltAndDbImage(JsonNode model, DockerImageName expectedDb) {
    var feedback = new Feedback();
    var services = model.path("services");
    feedback.expect(
        services.path("api").has("build"),
        () ->
            Problem.in(StagedLab.COMPOSE, "api is not built from ./app")
                .expected("build: ./app")
                .actual("no build:"));
    var dbImage = services.path("db").path("image").asText("");
    var expected = ImageReference.of(expectedDb);
    var version = expected.tag().orElse("");
    feedback.expect(
        ImageReference.parse(dbImage).isVariantOf(expected),
        () ->
            Problem.in(StagedLab.COMPOSE, "db does not run PostgreSQL " + version)
                .expected("image: " + expected.shortRepository() + ":" + version)
                .actual(dbImage.isEmpty() ? "no image:" : "image: " + dbImage));
    return feedback.problems();
  }

  /** api's DB_HOST (from its container's environment) is the service name db. */
  static List<Problem> dbByServiceName(Optional<String> dbHost) {
    var feedback = new Feedback();
    feedback.expect(
        dbHost.equals(Optional.of("db")),
        () ->
            Problem.in(StagedLab.COMPOSE, "api does not reach the database by its service name")
                .expected("DB_HOST: db under api: environment:")
                .actual(dbHost.map(host -> "DB_HOST=" + host).orElse("no DB_HOST"))
                .hint(
                    "On the project's network each service is reachable by its name; addresses change on every up."));
    return feedback.problems();
  }

  /** A note POSTed to the running api came back 201 and GET /notes listed it. */
  static List<Problem> notesStored(int postStatus, String postBody, int getStatus, boolean listed) {
    var feedback = new Feedback();
    feedback.expect(
        postStatus == 201 && getStatus == 200 && listed,
        () ->
            Problem.in(StagedLab.COMPOSE, "the api cannot store and list notes")
                .expected("POST /notes → 201, then GET /notes lists the note")
                .actual("POST → " + postStatus + " " + postBody + ", GET → " + getStatus)
                .hint(
                    "The api reads DB_HOST, DB_PORT, DB_NAME, DB_USER and DB_PASSWORD; they must match db's POSTGRES_* settings."));
    return feedback.problems();
  }

  /** api publishes 8080 on 8080; no other service publishes anything. */
  static List<Problem> onlyApiPublished(JsonNode model) {
    var services = model.path("services");
    var feedback = new Feedback();
    var apiPorts = services.path("api").path("ports");
    boolean api8080 = false;
    for (var port : apiPorts) {
      api8080 |=
          port.path("target").asInt() == 8080 && port.path("published").asText().equals("8080");
    }
    feedback.expect(
        api8080,
        () ->
            Problem.in(StagedLab.COMPOSE, "api does not publish port 8080")
                .expected("ports: [\"8080:8080\"] under api")
                .actual(apiPorts.isEmpty() ? "no ports" : apiPorts.toString())
                .hint("Publishing maps a port of the host to the container: host:container."));
    services
        .fields()
        .forEachRemaining(
            service -> {
              if (!service.getKey().equals("api") && service.getValue().path("ports").size() > 0) {
                feedback.add(
                    Problem.in(
                            StagedLab.COMPOSE, service.getKey() + " publishes a port on the host")
                        .expected(
                            "no ports: for "
                                + service.getKey()
                                + "; api reaches it over the project network")
                        .actual(service.getValue().path("ports").toString())
                        .hint(
                            "A published database port is open to anyone who reaches the host. Services talk over the compose network without it."));
              }
            });
    return feedback.problems();
  }

  /** api depends on db with condition service_healthy, and db has a health check to wait for. */
  static List<Problem> waitsForHealthyDb(JsonNode model) {
    var services = model.path("services");
    var feedback = new Feedback();
    var condition = services.path("api").path("depends_on").path("db").path("condition").asText("");
    feedback.expect(
        condition.equals("service_healthy"),
        () ->
            Problem.in(StagedLab.COMPOSE, "api does not wait for db to be healthy")
                .expected("depends_on: {db: {condition: service_healthy}} under api")
                .actual(condition.isEmpty() ? "no depends_on db" : "condition: " + condition)
                .hint(
                    "Started only means the process runs; PostgreSQL needs seconds more before it accepts connections, and the api does not retry."));
    feedback.expect(
        dbHasHealthcheck(model),
        () ->
            Problem.in(StagedLab.COMPOSE, "db has no health check")
                .expected(
                    "healthcheck: {test: [\"CMD-SHELL\", \"pg_isready -U notes -d notes\"], interval: 2s, retries: 15}")
                .actual("none")
                .hint(
                    "service_healthy needs a health check to wait for; pg_isready is in the postgres image."));
    return feedback.problems();
  }

  /** db declares a health check (one {@link DbHealthTrial} can judge) and does not disable it. */
  static boolean dbHasHealthcheck(JsonNode model) {
    var healthcheck = model.path("services").path("db").path("healthcheck");
    return healthcheck.isObject()
        && !healthcheck.path("disable").asBoolean(false)
        && !healthcheck.path("test").path(0).asText("").equals("NONE");
  }

  /** A variable of a container's environment ({@code NAME=value} entries), if set. */
  static Optional<String> environment(String[] env, String name) {
    if (env == null) {
      return Optional.empty();
    }
    return Arrays.stream(env)
        .filter(variable -> variable.startsWith(name + "="))
        .map(variable -> variable.substring(name.length() + 1))
        .findFirst();
  }
}
