package dev.labkit.labs.dockerbasics;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.command.InspectContainerResponse;
import dev.labkit.harness.compose.ComposeProject;
import dev.labkit.harness.docker.BaseImages;
import dev.labkit.harness.docker.DockerCli;
import dev.labkit.harness.docker.DockerEngine;
import dev.labkit.harness.docker.ImageBuild;
import dev.labkit.harness.docker.ImageFiles;
import dev.labkit.harness.docker.ImageReference;
import dev.labkit.harness.docker.KitContainers;
import dev.labkit.harness.docker.LogLineOrExit;
import dev.labkit.harness.feedback.CheckFailure;
import dev.labkit.harness.feedback.Feedback;
import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.http.HttpSpecs;
import dev.labkit.harness.lab.Check;
import dev.labkit.harness.lab.Lab;
import dev.labkit.harness.run.Causes;
import dev.labkit.harness.run.LabContext;
import dev.labkit.harness.workspace.Folders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

/**
 * Checks of the docker-basics lab. The image checks build the learner's Dockerfile once and look at
 * what the image and its containers do; the compose checks run the learner's compose.yaml as a
 * project of this run's own. Checks that build on a broken thing are skipped, not failed, so each
 * mistake fails its own check.
 */
@Lab("docker-basics")
class DockerBasicsChecks {

  /** Measured: the solution's image is 346 MB on the stand-in JRE; a Maven image is 550 MB+. */
  static final long SIZE_BUDGET_MB = 400;

  static final Duration HEALTHY_LIMIT = Duration.ofSeconds(60);
  static final int STOP_SECONDS = 3;
  static final Pattern SECRET_NAME =
      Pattern.compile(
          "(?i)[A-Z0-9_]*(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL)[A-Z0-9_]*");

  private LabContext lab;

  @BeforeAll
  void open(LabContext lab) {
    this.lab = lab;
  }

  // ---------------------------------------------------------------- the image

  @Check("image-builds")
  void imageBuilds() {
    var feedback = new Feedback();
    var staged = staged();
    // Every file of app/ that could not be copied leaves the build context incomplete.
    staged.problems.stream()
        .filter(problem -> !StagedLab.COMPOSE.equals(problem.file()))
        .forEach(feedback::add);
    if (staged.problemsWith(StagedLab.DOCKERFILE).isEmpty()) {
      lab.workspace().readText(StagedLab.DOCKERFILE, feedback); // a missing Dockerfile
    }
    feedback.assertNone();
    var image = image().orElseThrow();
    feedback.expect(image.built(), image::failure);
    feedback.assertNone();
  }

  @Check("base-images-pinned")
  void baseImagesArePinned() {
    var dockerfile = dockerfileText();
    var feedback = new Feedback();
    var bases = BaseImages.of(dev.labkit.harness.docker.Dockerfile.parse(dockerfile));
    feedback.expect(
        !bases.isEmpty(),
        () ->
            Problem.in(StagedLab.DOCKERFILE, "no FROM names a base image")
                .hint("Start with FROM maven:3.9.9-eclipse-temurin-21 AS build."));
    for (var base : bases) {
      var pinning = base.reference().pinning();
      feedback.expect(
          base.reference().isPinned(),
          () ->
              Problem.in(
                      StagedLab.DOCKERFILE,
                      "FROM " + base.written() + " is not pinned to a version")
                  .at(base.line(), null)
                  .expected(
                      "a version tag (maven:3.9.9-eclipse-temurin-21, eclipse-temurin:21-jre) or a digest")
                  .actual(
                      switch (pinning) {
                        case IMPLICIT_LATEST -> "no tag, which Docker reads as :latest";
                        case LATEST -> "the tag latest";
                        default ->
                            "the tag "
                                + base.reference().tag().orElse("")
                                + ", which names no version";
                      })
                  .hint(
                      "latest moves: the same Dockerfile builds a different image next month. Pin the version you tested with."));
    }
    feedback.assertNone();
  }

  @Check("multi-stage")
  void finalImageHasOnlyARuntime() {
    var image = builtImage();
    var files = imageFiles(image);
    var feedback = new Feedback();
    feedback.expect(
        !files.programs("java").isEmpty(),
        () ->
            Problem.in(StagedLab.DOCKERFILE, "the final image has no java to run the app")
                .expected("a Java 21 runtime in the last stage (FROM eclipse-temurin:21-jre)")
                .actual("no bin/java anywhere in the image"));
    for (var tool : List.of("javac", "mvn")) {
      var found = files.programs(tool);
      feedback.expect(
          found.isEmpty(),
          () ->
              Problem.in(StagedLab.DOCKERFILE, "the final image still contains " + tool)
                  .at(lastFromLine(image), null)
                  .expected("build tools only in the build stage; the last stage FROM a JRE")
                  .actual(String.join(", ", found.subList(0, Math.min(3, found.size()))))
                  .hint(
                      "Build in one stage (FROM maven:… AS build), then start a second stage FROM eclipse-temurin:21-jre and COPY --from=build only the jar and its lib/ folder."));
    }
    long megabytes = imageSize(image) / 1_000_000;
    feedback.expect(
        megabytes <= SIZE_BUDGET_MB,
        () ->
            Problem.in(StagedLab.DOCKERFILE, "the image is larger than the budget")
                .expected("at most " + SIZE_BUDGET_MB + " MB")
                .actual(megabytes + " MB")
                .hint(
                    "A JRE base plus the jar and lib/ stays under it; a JDK, Maven or a copied ~/.m2 does not."));
    feedback.assertNone();
  }

  @Check("non-root")
  void runsAsNonRoot() {
    var image = builtImage();
    var api = runningApi();
    var processes = processes(api.getContainerId());
    var root = processes.stream().filter(process -> process.uid().equals("0")).toList();
    var user = configuredUser(image);
    var feedback = new Feedback();
    feedback.expect(
        root.isEmpty(),
        () ->
            Problem.in(StagedLab.DOCKERFILE, "the app runs as root inside the container")
                .at(lastFromLine(image), null)
                .expected("every process with a uid other than 0")
                .actual(
                    "uid 0 runs: "
                        + root.stream().map(Process::command).toList()
                        + (user.isEmpty() ? " (the image sets no USER)" : " (USER " + user + ")"))
                .hint(
                    "In the last stage create a user (useradd --system app, or adduser) and switch to it with USER before CMD. A process that escapes a root container is root on the host."));
    feedback.assertNone();
  }

  @Check("port-and-healthcheck")
  void declaresPortAndHealthCheck() {
    var image = builtImage();
    var config = DockerClientFactory.lazyClient().inspectImageCmd(image.tag).exec().getConfig();
    var feedback = new Feedback();
    var exposed =
        config.getExposedPorts() == null
            ? List.<String>of()
            : java.util.Arrays.stream(config.getExposedPorts()).map(Object::toString).toList();
    feedback.expect(
        exposed.contains("8080/tcp"),
        () ->
            Problem.in(StagedLab.DOCKERFILE, "the image does not declare port 8080")
                .expected("EXPOSE 8080")
                .actual(exposed.isEmpty() ? "no EXPOSE" : "EXPOSE " + String.join(" ", exposed))
                .hint(
                    "EXPOSE documents the port the app listens on; docker run -P and tools read it."));
    var healthcheck = config.getHealthcheck();
    boolean hasHealthcheck =
        healthcheck != null
            && healthcheck.getTest() != null
            && !healthcheck.getTest().isEmpty()
            && !healthcheck.getTest().get(0).equals("NONE");
    feedback.expect(
        hasHealthcheck,
        () ->
            Problem.in(StagedLab.DOCKERFILE, "the image has no HEALTHCHECK")
                .expected("HEALTHCHECK CMD … that asks GET http://localhost:8080/health")
                .actual(
                    "none: Docker can only say the container is running, not that the app answers")
                .hint(
                    "HEALTHCHECK --interval=5s CMD curl -fsS http://localhost:8080/health || exit 1 (curl and wget are in eclipse-temurin)."));
    // Start the container before reporting: an app that does not start must be said here too.
    var started = startedApi();
    started.notStarted().ifPresent(feedback::add);
    feedback.assertNone();
    var api = started.container().orElseThrow();
    var status = awaitHealth(api.getContainerId());
    feedback.expect(
        status.equals("healthy"),
        () ->
            Problem.in(StagedLab.DOCKERFILE, "Docker does not report the container healthy")
                .expected("healthy within " + HEALTHY_LIMIT.toSeconds() + " s")
                .actual(
                    status
                        + "; the health check's last output: "
                        + lastHealthOutput(api.getContainerId()))
                .hint(
                    "Run the HEALTHCHECK command yourself with docker exec; it must exit 0 when /health answers. Mind the default 30 s interval."));
    feedback.assertNone();
  }

  @Check("graceful-stop")
  void stopsOnSigterm() {
    var image = builtImage();
    var api = freshApi();
    var id = api.getContainerId();
    var firstProcess = processes(id).stream().findFirst().map(Process::command).orElse("?");
    var docker = DockerClientFactory.lazyClient();
    docker.stopContainerCmd(id).withTimeout(STOP_SECONDS).exec();
    var state = docker.inspectContainerCmd(id).exec().getState();
    long exitCode = state.getExitCodeLong() == null ? -1 : state.getExitCodeLong();
    var feedback = new Feedback();
    feedback.expect(
        exitCode == 0 || exitCode == 143,
        () ->
            Problem.in(
                    StagedLab.DOCKERFILE,
                    "docker stop had to kill the app: SIGTERM never reached java")
                .at(commandLine(image), null)
                .expected(
                    "exit code 0 or 143 (SIGTERM) within " + STOP_SECONDS + " s of docker stop")
                .actual(
                    "exit code "
                        + exitCode
                        + (exitCode == 137 ? " (SIGKILL after the timeout)" : "")
                        + "; PID 1 was: "
                        + firstProcess)
                .hint(
                    "Use the exec form, CMD [\"java\", \"-jar\", \"/app/notes-api.jar\"]. The shell form runs /bin/sh -c as PID 1, and sh does not pass SIGTERM on."));
    feedback.assertNone();
  }

  @Check("layer-caching")
  void rebuildReusesDependencies() {
    var image = builtImage();
    var staged = staged();
    // Without network, every step that downloads fails; the first such step is the dependency one.
    var offline =
        lab.console()
            .step(
                "building the image without network",
                () ->
                    ImageBuild.run(
                        staged.app(),
                        ImageBuild.Options.of(image.extraTag("offline")).withoutNetwork()));
    if (offline.succeeded()) {
      return; // nothing needs the network (a cache mount holds the dependencies): nothing to reuse
    }
    // The failing step needs the network; steps cancelled with it may too.
    var candidates = new java.util.LinkedHashSet<String>(offline.log().interruptedRuns());
    image.failedInstruction(offline.log()).ifPresent(candidates::add);
    Assumptions.assumeTrue(
        !candidates.isEmpty(),
        "the build without network failed before any step: "
            + offline.log().error().orElse(offline.cli().tail(3)));
    var feedback = new Feedback();
    // BuildKit shows a step that another, concurrent build is computing as run, not cached (it
    // shares the work). A step that really reruns does so on every source change, so a rerun
    // must show twice in a row before it counts.
    Optional<String> reranStep = Optional.of("");
    for (int attempt = 1; attempt <= 2 && reranStep.isPresent(); attempt++) {
      staged.changeOneSourceFile();
      var rebuild =
          lab.console()
              .step(
                  "rebuilding after a source change",
                  () ->
                      ImageBuild.run(
                          staged.app(), ImageBuild.Options.of(image.extraTag("rebuild"))));
      feedback.expect(
          rebuild.succeeded(),
          () ->
              Problem.in(
                      StagedLab.DOCKERFILE, "the image does not build again after a source change")
                  .actual(rebuild.cli().tail(15)));
      feedback.assertNone();
      reranStep =
          rebuild.log().executed().stream()
              .map(step -> step.position().orElseThrow().instruction())
              .filter(
                  instruction ->
                      candidates.stream()
                          .anyMatch(
                              candidate -> LearnerImage.sameInstruction(candidate, instruction)))
              .findFirst();
    }
    var reran = reranStep.isPresent();
    var downloadName = reranStep.orElse("");
    feedback.expect(
        !reran,
        () ->
            Problem.in(
                    StagedLab.DOCKERFILE,
                    "changing one source file makes the build download the dependencies again")
                .at(image.lineOfInstruction(downloadName).orElse(null), null)
                .expected(
                    "after editing "
                        + StagedLab.CHANGED_SOURCE.substring(4)
                        + ", the step that downloads comes from the cache")
                .actual(
                    downloadName
                        + " ran again (it needs the network: it failed in a build without it)")
                .hint(
                    "A step reruns when anything COPY'd before it changed. Copy pom.xml alone, download (mvn dependency:go-offline), then COPY src and package; or give the Maven step a cache mount (RUN --mount=type=cache,target=/root/.m2)."));
    feedback.assertNone();
  }

  @Check("dockerignore")
  void contextLeavesOutLocalFiles() {
    var image = builtImage();
    var staged = staged();
    var feedback = new Feedback();
    var context = contextAsSent(staged, image);
    // The planted files, not their folders: target/* leaves an empty target/ and is right.
    var planted = Map.of(".env", ".env", ".git", ".git/HEAD", "target", "target/notes-api.jar");
    for (var unwanted : List.of(".env", ".git", "target")) {
      feedback.expect(
          !Files.exists(context.resolve(planted.get(unwanted))),
          () ->
              Problem.in(
                      StagedLab.DOCKERIGNORE,
                      unwanted + " is sent to the builder with the build context")
                  .expected(
                      unwanted
                          + (unwanted.equals(".env") ? "" : "/")
                          + " listed in app/.dockerignore")
                  .actual(
                      staged.has(StagedLab.DOCKERIGNORE)
                          ? "app/.dockerignore does not exclude it"
                          : "there is no app/.dockerignore")
                  .hint(
                      "Everything in app/ that .dockerignore does not exclude is sent to the builder and can end up in a layer: "
                          + "secrets (.env), history (.git), stale builds (target/)."));
    }
    var leaked = imageFiles(image).containing();
    feedback.expect(
        leaked.isEmpty(),
        () ->
            Problem.in(StagedLab.DOCKERIGNORE, "the fake secret from app/.env is inside the image")
                .actual(String.join(", ", leaked))
                .hint("Exclude .env in app/.dockerignore, and COPY only what the app needs."));
    feedback.assertNone();
  }

  @Check("no-secrets-in-image")
  void noSecretsInImage() {
    var image = builtImage();
    var feedback = new Feedback();
    var reported = new java.util.TreeSet<String>();
    var env =
        DockerClientFactory.lazyClient().inspectImageCmd(image.tag).exec().getConfig().getEnv();
    for (var variable : env == null ? new String[0] : env) {
      int equals = variable.indexOf('=');
      var name = equals < 0 ? variable : variable.substring(0, equals);
      var value = equals < 0 ? "" : variable.substring(equals + 1);
      if (SECRET_NAME.matcher(name).matches() && !value.isBlank() && reported.add(name)) {
        feedback.add(
            secretProblem(image, name, "ENV " + name + "=… is stored in the image config"));
      }
    }
    for (var createdBy : history(image)) {
      var assignment = Pattern.compile("\\b([A-Za-z0-9_]+)=(\\S+)").matcher(createdBy);
      while (assignment.find()) {
        var name = assignment.group(1);
        if (SECRET_NAME.matcher(name).matches() && reported.add(name)) {
          feedback.add(secretProblem(image, name, "the image history records " + name + "=…"));
        }
      }
    }
    feedback.assertNone();
  }

  // ---------------------------------------------------------------- compose

  @Check("compose-up")
  void composeRunsTheStack() {
    var model = composeModel();
    var feedback = new Feedback();
    var services = model.path("services");
    for (var service : List.of("api", "db")) {
      feedback.expect(
          services.has(service),
          () ->
              Problem.in(StagedLab.COMPOSE, "there is no service " + service)
                  .hint("Define services: api (build: ./app) and db (image: postgres:17)."));
    }
    feedback.assertNone();
    feedback.expect(
        services.path("api").has("build"),
        () ->
            Problem.in(StagedLab.COMPOSE, "api is not built from ./app")
                .expected("build: ./app")
                .actual("no build:"));
    var dbImage = services.path("db").path("image").asText("");
    var expectedDb = lab.images().image("postgres");
    feedback.expect(
        ImageReference.parse(dbImage)
                .repository()
                .replaceFirst("^docker\\.io/(library/)?", "")
                .equals("postgres")
            && ImageReference.parse(dbImage)
                .tag()
                .orElse("")
                .startsWith(expectedDb.getVersionPart()),
        () ->
            Problem.in(
                    StagedLab.COMPOSE, "db does not run PostgreSQL " + expectedDb.getVersionPart())
                .expected(
                    "image: "
                        + expectedDb
                            .asCanonicalNameString()
                            .replaceFirst("^docker\\.io/(library/)?", ""))
                .actual(dbImage.isEmpty() ? "no image:" : "image: " + dbImage));
    feedback.assertNone();
    var stack = stack();
    feedback.expect(stack.problem().isEmpty(), () -> stack.problem().orElseThrow());
    feedback.assertNone();
    var api = stack.project().containers("api").get(0);
    var dbHost = environment(api, "DB_HOST");
    feedback.expect(
        dbHost.equals(Optional.of("db")),
        () ->
            Problem.in(StagedLab.COMPOSE, "api does not reach the database by its service name")
                .expected("DB_HOST: db under api: environment:")
                .actual(dbHost.map(host -> "DB_HOST=" + host).orElse("no DB_HOST"))
                .hint(
                    "On the project's network each service is reachable by its name; addresses change on every up."));
    var text = "labkit note " + UUID.randomUUID();
    var written = notesRequest(stack.port()).body(text).post("/notes");
    var listed = notesRequest(stack.port()).get("/notes");
    feedback.expect(
        written.statusCode() == 201
            && listed.statusCode() == 200
            && listed.asString().contains(text),
        () ->
            Problem.in(StagedLab.COMPOSE, "the api cannot store and list notes")
                .expected("POST /notes → 201, then GET /notes lists the note")
                .actual(
                    "POST → "
                        + written.statusCode()
                        + " "
                        + written.asString()
                        + ", GET → "
                        + listed.statusCode())
                .hint(
                    "The api reads DB_HOST, DB_PORT, DB_NAME, DB_USER and DB_PASSWORD; they must match db's POSTGRES_* settings."));
    feedback.assertNone();
  }

  @Check("only-api-published")
  void onlyApiPublishesAPort() {
    var services = composeModelOrSkip().path("services");
    Assumptions.assumeTrue(
        services.has("api") && services.has("db"),
        "the compose file lacks api or db (see compose-up)");
    var feedback = new Feedback();
    var apiPorts = services.path("api").path("ports");
    boolean api8080 = false;
    for (var port : apiPorts) {
      api8080 |=
          port.path("target").asInt() == 8080 && port.path("published").asText().equals("8080");
    }
    boolean publishesApi = api8080;
    feedback.expect(
        publishesApi,
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
    feedback.assertNone();
  }

  @Check("waits-for-db")
  void apiWaitsForHealthyDatabase() {
    Assumptions.assumeTrue(stack().problem().isEmpty(), "the stack does not run (see compose-up)");
    var services = composeModelOrSkip().path("services");
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
        services.path("db").has("healthcheck")
            && !services.path("db").path("healthcheck").path("disable").asBoolean(false),
        () ->
            Problem.in(StagedLab.COMPOSE, "db has no health check")
                .expected(
                    "healthcheck: {test: [\"CMD-SHELL\", \"pg_isready -U notes -d notes\"], interval: 2s, retries: 15}")
                .actual("none")
                .hint(
                    "service_healthy needs a health check to wait for; pg_isready is in the postgres image."));
    var project = NotesStack.project(lab, staged(), composeModelOrSkip(), "order");
    var up =
        lab.console()
            .step("compose up (all at once, fresh volume)", () -> project.up(NotesStack.UP_LIMIT));
    var api = project.containers("api");
    var restarts = api.isEmpty() ? 0 : api.get(0).getRestartCount();
    var running = !api.isEmpty() && Boolean.TRUE.equals(api.get(0).getState().getRunning());
    feedback.expect(
        up.succeeded() && running && restarts == 0,
        () ->
            Problem.in(
                    StagedLab.COMPOSE,
                    "api does not start cleanly when the whole stack starts at once")
                .expected("docker compose up: api starts once, after db is healthy, and stays up")
                .actual(
                    (api.isEmpty()
                            ? "no api container"
                            : "api "
                                + api.get(0).getState().getStatus()
                                + ", restarted "
                                + restarts
                                + " times")
                        + "; api's last log lines:\n"
                        + project.logs("api", 8)
                        + "\n"
                        + up.tail(4))
                .hint(
                    "A restart policy hides the race, it does not fix it: order the start with depends_on and a health check."));
    feedback.assertNone();
  }

  @Check("data-survives")
  void dataSurvivesDownAndUp() {
    var stack = stack();
    Assumptions.assumeTrue(stack.problem().isEmpty(), "the stack does not run (see compose-up)");
    var project = stack.project();
    var text = "survives " + UUID.randomUUID();
    var written = notesRequest(stack.port()).body(text).post("/notes");
    Assumptions.assumeTrue(
        written.statusCode() == 201, "the api cannot store notes (see compose-up)");
    var feedback = new Feedback();
    project.down(false);
    var again = NotesStack.upOneByOne(project);
    var port = project.hostPort("api", 8080);
    Assumptions.assumeTrue(
        again.succeeded() && port.isPresent() && NotesStack.awaitApi(port.get()),
        "the stack does not start again after down: " + again.tail(3));
    var kept = notesRequest(port.get()).get("/notes").asString().contains(text);
    feedback.expect(
        kept,
        () ->
            Problem.in(StagedLab.COMPOSE, "the notes are gone after docker compose down and up")
                .expected(
                    "a named volume for /var/lib/postgresql/data: volumes: [db-data:/var/lib/postgresql/data] and a top-level volumes: {db-data: {}}")
                .actual("the note written before down is not listed after up")
                .hint(
                    "A container's own file system, and an anonymous volume, go with the container. A named volume stays until docker compose down -v."));
    feedback.assertNone();
    project.down(true);
    var left = project.projectVolumes();
    var emptied = NotesStack.upOneByOne(project);
    var portAfter = project.hostPort("api", 8080);
    var stillThere =
        emptied.succeeded()
            && portAfter.isPresent()
            && NotesStack.awaitApi(portAfter.get())
            && notesRequest(portAfter.get()).get("/notes").asString().contains(text);
    feedback.expect(
        left.isEmpty() && !stillThere,
        () ->
            Problem.in(StagedLab.COMPOSE, "docker compose down -v does not remove the data")
                .expected("down -v removes the database's volume; the next up starts empty")
                .actual(
                    stillThere ? "the note is still there after down -v" : "volumes left: " + left)
                .hint(
                    "A bind mount (./data:/var/lib/postgresql/data) is a host folder that down -v never touches; use a named volume."));
    feedback.assertNone();
  }

  // ---------------------------------------------------------------- shared pieces

  private StagedLab staged() {
    return lab.once("staged", () -> lab.closeAtEnd(StagedLab.create(lab)));
  }

  private String dockerfileText() {
    var text = staged().dockerfile;
    Assumptions.assumeTrue(text.isPresent(), "app/Dockerfile cannot be read (see image-builds)");
    return text.get();
  }

  private Optional<LearnerImage> image() {
    var text = staged().dockerfile;
    if (text.isEmpty()) {
      return Optional.empty();
    }
    DockerEngine.requireEngine("This lab builds and runs your image; it has no Docker-free mode.");
    return Optional.of(
        lab.once(
            "image",
            () -> {
              List.of("maven", "eclipse-temurin", "postgres")
                  .forEach(name -> DockerEngine.requireImage(lab.images().image(name)));
              return lab.closeAtEnd(
                  lab.console()
                      .step(
                          "building app/Dockerfile",
                          () -> LearnerImage.build(staged(), text.get())));
            }));
  }

  private LearnerImage builtImage() {
    var image = image();
    Assumptions.assumeTrue(
        image.isPresent() && image.get().built(), "the image does not build (see image-builds)");
    return image.get();
  }

  private ImageFiles imageFiles(LearnerImage image) {
    return lab.once("image-files", () -> ImageFiles.read(image.tag, StagedLab.FAKE_SECRET));
  }

  private ApiRuntime runtime(LearnerImage image) {
    return lab.once("runtime", () -> lab.closeAtEnd(ApiRuntime.start(lab, image)));
  }

  /** The shared running container, or why it does not run. */
  private Started startedApi() {
    var image = builtImage();
    return lab.once("api", () -> startOrExplain(image));
  }

  /**
   * The shared running container; skipped when it does not start (port-and-healthcheck says why).
   */
  private GenericContainer<?> runningApi() {
    var started = startedApi();
    if (started.notStarted().isPresent()) {
      Assumptions.abort("the container does not start (see port-and-healthcheck)");
    }
    return started.container().orElseThrow();
  }

  private GenericContainer<?> freshApi() {
    var image = builtImage();
    runningApi();
    return runtime(image).startApi();
  }

  /** A started container, or why the app in it never listened. */
  private record Started(Optional<GenericContainer<?>> container, Optional<Problem> notStarted) {}

  private Started startOrExplain(LearnerImage image) {
    try {
      return new Started(Optional.of(runtime(image).startApi()), Optional.empty());
    } catch (RuntimeException e) {
      var exited = LogLineOrExit.exitIn(e);
      if (exited.isPresent()) {
        return new Started(Optional.empty(), Optional.of(containerExited(exited.get())));
      }
      if (Causes.find(e, ConditionTimeoutException.class).isPresent()) {
        return new Started(
            Optional.empty(),
            Optional.of(
                Problem.in(StagedLab.DOCKERFILE, "the app in the container never starts listening")
                    .expected(
                        "\"notes-api: listening on port 8080\" in the container's log within "
                            + ApiRuntime.API_READY_LIMIT.toSeconds()
                            + " s")
                    .actual("the container runs, but the app never said it listens")
                    .hint(
                        "CMD or ENTRYPOINT must start the app: java -jar with the path of notes-api.jar in the image.")));
      }
      throw e;
    }
  }

  private Problem containerExited(LogLineOrExit.ContainerExited exited) {
    return Problem.in(StagedLab.DOCKERFILE, "the container stops before the app listens")
        .expected(
            "docker run keeps the app running: \"notes-api: listening on port 8080\" in its log")
        .actual("exit code " + exited.exitCode() + "; last log lines:\n" + exited.logTail())
        .hint(
            "Check CMD/ENTRYPOINT: the jar is /app/notes-api.jar only if you copied it there, and lib/ must sit next to it.");
  }

  private record Process(String uid, String command) {}

  private List<Process> processes(String containerId) {
    var top =
        DockerClientFactory.lazyClient()
            .topContainerCmd(containerId)
            .withPsArgs("-o pid,uid,args")
            .exec();
    var titles = List.of(top.getTitles());
    int uid = titles.indexOf("UID");
    int command = titles.indexOf("COMMAND");
    var processes = new ArrayList<Process>();
    for (var row : top.getProcesses()) {
      processes.add(new Process(row[uid], row[command]));
    }
    return processes;
  }

  private String configuredUser(LearnerImage image) {
    var user =
        DockerClientFactory.lazyClient().inspectImageCmd(image.tag).exec().getConfig().getUser();
    return user == null ? "" : user;
  }

  private long imageSize(LearnerImage image) {
    var size = DockerClientFactory.lazyClient().inspectImageCmd(image.tag).exec().getSize();
    return size == null ? 0 : size;
  }

  private Integer lastFromLine(LearnerImage image) {
    var stages = image.dockerfile.stages();
    return stages.isEmpty() ? null : stages.get(stages.size() - 1).from().line();
  }

  private Integer commandLine(LearnerImage image) {
    return image.dockerfile.instructions().stream()
        .filter(
            instruction ->
                instruction.keyword().equals("CMD") || instruction.keyword().equals("ENTRYPOINT"))
        .reduce((first, second) -> second)
        .map(dev.labkit.harness.docker.Dockerfile.Instruction::line)
        .orElse(null);
  }

  private String awaitHealth(String containerId) {
    var docker = DockerClientFactory.lazyClient();
    try {
      return await("Docker to report the api container healthy")
          .atMost(HEALTHY_LIMIT)
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                var state = docker.inspectContainerCmd(containerId).exec().getState();
                if (!Boolean.TRUE.equals(state.getRunning())) {
                  return "exited with code " + state.getExitCodeLong();
                }
                return state.getHealth() == null
                    ? "no health status"
                    : state.getHealth().getStatus();
              },
              status -> !status.equals("starting"));
    } catch (ConditionTimeoutException e) {
      return "still starting after " + HEALTHY_LIMIT.toSeconds() + " s";
    }
  }

  private String lastHealthOutput(String containerId) {
    var health =
        DockerClientFactory.lazyClient()
            .inspectContainerCmd(containerId)
            .exec()
            .getState()
            .getHealth();
    if (health == null || health.getLog() == null || health.getLog().isEmpty()) {
      return "(no check has run yet)";
    }
    var last = health.getLog().get(health.getLog().size() - 1);
    return "exit " + last.getExitCodeLong() + ", " + last.getOutput().strip();
  }

  private Path contextAsSent(StagedLab staged, LearnerImage image) {
    return lab.once(
        "context",
        () -> {
          try {
            var probe = Files.createTempDirectory("labkit-context-probe-");
            lab.closeAtEnd(() -> Folders.delete(probe));
            var dockerfile = probe.resolve("probe.Dockerfile");
            Files.writeString(dockerfile, "FROM scratch\nCOPY . /\n");
            var out = probe.resolve("context");
            var result =
                ImageBuild.run(
                    staged.app(),
                    ImageBuild.Options.of(image.extraTag("context"))
                        .exportingWith(dockerfile, out));
            if (!result.succeeded()) {
              throw new IllegalStateException(
                  "could not list the build context: " + result.cli().tail(5));
            }
            return out;
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  private List<String> history(LearnerImage image) {
    var result =
        DockerCli.run(
            List.of("image", "history", "--no-trunc", "--format", "{{.CreatedBy}}", image.tag),
            staged().root,
            Duration.ofSeconds(30));
    return List.of(result.output().split("\n"));
  }

  private Problem secretProblem(LearnerImage image, String name, String actual) {
    var line =
        image.dockerfile.instructions().stream()
            .filter(
                i ->
                    (i.keyword().equals("ENV") || i.keyword().equals("ARG"))
                        && i.arguments().contains(name))
            .map(dev.labkit.harness.docker.Dockerfile.Instruction::line)
            .findFirst()
            .orElse(null);
    return Problem.in(StagedLab.DOCKERFILE, name + " is baked into the image")
        .at(line, null)
        .expected("no password, token or key in ENV, ARG or the image history")
        .actual(actual)
        .hint(
            "Anyone who can pull the image reads it with docker image inspect or docker history. Pass secrets when the container starts (compose environment:, or secrets:).");
  }

  /** The compose model for checks that build on compose-up: skipped when it cannot be had. */
  private JsonNode composeModelOrSkip() {
    try {
      return composeModel();
    } catch (CheckFailure e) {
      Assumptions.abort("compose.yaml cannot be used (see compose-up)");
      throw e;
    }
  }

  private JsonNode composeModel() {
    return lab.once(
        "compose-model",
        () -> {
          var feedback = new Feedback();
          lab.workspace().readText(StagedLab.COMPOSE, feedback);
          feedback.assertNone();
          DockerEngine.requireEngine("This lab runs docker compose; it has no Docker-free mode.");
          // Vetted before anything runs: the grading machine is shared (ComposePolicy).
          return ComposeProject.vettedModel(
              staged().root,
              StagedLab.COMPOSE,
              KitContainers.composeProjectName("config"),
              staged().buildRun);
        });
  }

  private record Stack(ComposeProject project, int port, Optional<Problem> problem) {}

  private Stack stack() {
    composeModelOrSkip();
    Assumptions.assumeTrue(
        image().map(LearnerImage::built).orElse(false),
        "the image does not build (see image-builds)");
    return lab.once(
        "stack",
        () -> {
          var project = NotesStack.project(lab, staged(), composeModel(), "stack");
          var up =
              lab.console().step("compose up db, then api", () -> NotesStack.upOneByOne(project));
          var port = project.hostPort("api", 8080);
          if (!up.succeeded() || port.isEmpty() || !NotesStack.awaitApi(port.get())) {
            return new Stack(
                project,
                -1,
                Optional.of(
                    Problem.in(StagedLab.COMPOSE, "docker compose up does not bring api up")
                        .expected(
                            "db healthy, then api healthy (or running, if it has no health check)")
                        .actual(up.tail(6) + "\napi's last log lines:\n" + project.logs("api", 10))
                        .hint(
                            "Read api's log: a database it cannot reach, or settings it lacks, stop it at once.")));
          }
          return new Stack(project, port.get(), Optional.empty());
        });
  }

  private static Optional<String> environment(InspectContainerResponse container, String name) {
    var env = container.getConfig().getEnv();
    if (env == null) {
      return Optional.empty();
    }
    return java.util.Arrays.stream(env)
        .filter(variable -> variable.startsWith(name + "="))
        .map(variable -> variable.substring(name.length() + 1))
        .findFirst();
  }

  private static io.restassured.specification.RequestSpecification notesRequest(int port) {
    return io.restassured.RestAssured.given().spec(HttpSpecs.http(port));
  }
}
