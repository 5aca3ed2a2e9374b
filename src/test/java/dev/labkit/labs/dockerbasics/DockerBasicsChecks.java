package dev.labkit.labs.dockerbasics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.labkit.harness.docker.DockerEngine;
import dev.labkit.harness.docker.Dockerfile;
import dev.labkit.harness.docker.ImageFiles;
import dev.labkit.harness.feedback.CheckFailure;
import dev.labkit.harness.feedback.Feedback;
import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.lab.Check;
import dev.labkit.harness.lab.Lab;
import dev.labkit.harness.lab.LabManifest;
import dev.labkit.harness.run.LabContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.testcontainers.containers.GenericContainer;

/**
 * Checks of the docker-basics lab. The image checks build the learner's Dockerfile once ({@link
 * LearnerImage}) and look at what the image ({@link ImageRules}) and its containers ({@link
 * ContainerRules}) do; the compose checks run the learner's compose.yaml as a project of this run's
 * own ({@link ComposeRules}, {@link RunningStack}). Checks that build on a broken thing are
 * skipped, not failed, so each mistake fails its own check: lab.yaml says which need image-builds
 * or compose-up; the rest skip on what they find.
 */
@Lab("docker-basics")
class DockerBasicsChecks {

  private static final String IMAGE_NEEDS_DOCKER =
      "This lab builds and runs your image; it has no Docker-free mode.";

  private LabContext lab;

  @BeforeAll
  void open(LabContext lab) {
    this.lab = lab;
  }

  /**
   * Without Docker, image-builds and compose-up end in an error that says so; a check that needs
   * them must say the same, not that the image does not build (the harness skips it before it
   * starts, so this runs first).
   */
  @BeforeEach
  void dockerBeforeWhatItNeeds(TestInfo test) {
    var needs =
        test.getTestMethod()
            .map(method -> method.getAnnotation(Check.class))
            .flatMap(check -> lab.manifest().check(check.value()))
            .map(LabManifest.CheckSpec::needs)
            .orElse(List.of());
    if (needs.contains("image-builds") && staged().dockerfile.isPresent()) {
      DockerEngine.requireEngine(IMAGE_NEEDS_DOCKER);
    }
    if (needs.contains("compose-up")
        && lab.workspace().readText(StagedLab.COMPOSE, new Feedback()).isPresent()) {
      DockerEngine.requireEngine(NotesStack.NEEDS_DOCKER);
    }
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
    staged
        .dockerfile
        .map(Dockerfile::parse)
        .map(ImageRules::noFrontendImage)
        .orElse(List.of())
        .forEach(feedback::add);
    feedback.assertNone();
    var image = image().orElseThrow();
    feedback.expect(image.built(), image::failure);
    feedback.assertNone();
  }

  @Check("base-images-pinned")
  void baseImagesArePinned() {
    // Judged on the text alone, so it runs whether or not the image builds.
    var text = staged().dockerfile;
    Assumptions.assumeTrue(text.isPresent(), "app/Dockerfile cannot be read (see image-builds)");
    assertNone(ImageRules.basesPinned(Dockerfile.parse(text.get())));
  }

  @Check("multi-stage")
  void finalImageHasOnlyARuntime() {
    var image = builtImage();
    var files = imageFiles(image);
    var problems =
        new ArrayList<>(
            ImageRules.runtimeOnly(files::programs, image.dockerfile, config(image).sizeBytes()));
    var paths = files.entries().stream().map(ImageFiles.Entry::path).toList();
    problems.addAll(ImageRules.noBuildLeftovers(paths, image.dockerfile));
    assertNone(problems);
  }

  @Check("non-root")
  void runsAsNonRoot() {
    var image = builtImage();
    var processes = new ApiContainer(runningApi().getContainerId()).processes();
    assertNone(ContainerRules.nonRoot(processes, config(image).user(), image.dockerfile));
  }

  @Check("port-and-healthcheck")
  void declaresPortAndHealthCheck() {
    var image = builtImage();
    var problems = new ArrayList<>(ImageRules.portAndHealthcheckDeclared(config(image)));
    // Start the container before reporting: an app that does not start must be said here too.
    var started = startedApi();
    started.notStarted().ifPresent(problems::add);
    assertNone(problems);
    var api = started.api();
    assertNone(ContainerRules.healthy(api.awaitHealth(), api::lastHealthOutput));
  }

  @Check("graceful-stop")
  void stopsOnSigterm() {
    var image = builtImage();
    var api = new ApiContainer(freshApi().getContainerId());
    var pidOne = api.processes().stream().findFirst().map(ContainerProcess::command).orElse("?");
    long exitCode = api.stop(ContainerRules.STOP_SECONDS);
    assertNone(ContainerRules.stoppedBySigterm(exitCode, pidOne, image.dockerfile));
  }

  @Check("layer-caching")
  void rebuildReusesDependencies() {
    var image = builtImage();
    assertNone(LayerCacheTrial.run(lab, staged(), image));
  }

  @Check("dockerignore")
  void contextLeavesOutLocalFiles() {
    var image = builtImage();
    var staged = staged();
    var context = lab.once("context", () -> BuildContext.asSent(lab, staged, image));
    var leaked = imageFiles(image).containing();
    assertNone(BuildContext.judge(context, staged.has(StagedLab.DOCKERIGNORE), leaked));
  }

  @Check("no-secrets-in-image")
  void noSecretsInImage() {
    var image = builtImage();
    var config = config(image);
    assertNone(ImageRules.noSecrets(config, image.history(staged().root), image.dockerfile));
  }

  // ---------------------------------------------------------------- compose

  @Check("compose-up")
  void composeRunsTheStack() {
    var model = composeModel();
    assertNone(ComposeRules.services(model));
    assertNone(ComposeRules.apiBuiltAndDbImage(model, lab.images().image("postgres")));
    var stack = stack();
    assertNone(stack.problem().stream().toList());
    var problems = new ArrayList<>(ComposeRules.dbByServiceName(stack.apiEnvironment("DB_HOST")));
    problems.addAll(stack.storesNotes());
    assertNone(problems);
  }

  @Check("only-api-published")
  void onlyApiPublishesAPort() {
    // Judged on the compose model alone: it runs whether or not the stack comes up.
    var model = composeModelOrSkip();
    var services = model.path("services");
    Assumptions.assumeTrue(
        services.has("api") && services.has("db"),
        "the compose file lacks api or db (see compose-up)");
    assertNone(ComposeRules.onlyApiPublished(model));
  }

  @Check("waits-for-db")
  void apiWaitsForHealthyDatabase() {
    // Needs a stack that runs, not compose-up's verdict: a wrong DB_HOST still starts in order.
    Assumptions.assumeTrue(stack().problem().isEmpty(), "the stack does not run (see compose-up)");
    var model = composeModelOrSkip();
    var problems = new ArrayList<>(ComposeRules.waitsForHealthyDb(model));
    if (ComposeRules.dbHasHealthcheck(model)) {
      problems.addAll(DbHealthTrial.run(lab, staged(), model));
    }
    problems.addAll(StartOrderTrial.run(lab, staged(), model));
    assertNone(problems);
  }

  @Check("data-survives")
  void dataSurvivesDownAndUp() {
    assertNone(DataSurvivalTrial.run(stack()));
  }

  // ---------------------------------------------------------------- shared pieces

  private StagedLab staged() {
    return lab.once("staged", () -> lab.closeAtEnd(StagedLab.create(lab)));
  }

  /**
   * The learner's image, built once; empty when app/Dockerfile cannot be read, or asks for a
   * frontend image the kit never pulls (image-builds says why; no engine error).
   */
  private Optional<LearnerImage> image() {
    var text = staged().dockerfile;
    if (text.isEmpty() || !ImageRules.noFrontendImage(Dockerfile.parse(text.get())).isEmpty()) {
      return Optional.empty();
    }
    DockerEngine.requireEngine(IMAGE_NEEDS_DOCKER);
    return Optional.of(lab.once("image", () -> LearnerImage.build(lab, staged(), text.get())));
  }

  /** The built image: the checks that call this need image-builds to pass (lab.yaml). */
  private LearnerImage builtImage() {
    return image()
        .filter(LearnerImage::built)
        .orElseThrow(() -> new IllegalStateException("app/Dockerfile does not build"));
  }

  private ImageConfig config(LearnerImage image) {
    return lab.once("image-config", () -> ImageConfig.inspect(image.tag));
  }

  private ImageFiles imageFiles(LearnerImage image) {
    return lab.once("image-files", () -> ImageFiles.read(image.tag, StagedLab.FAKE_SECRET));
  }

  private ApiRuntime runtime(LearnerImage image) {
    return lab.once("runtime", () -> lab.closeAtEnd(ApiRuntime.start(lab, image)));
  }

  /** The shared running container, or why it does not run. */
  private StartedApi startedApi() {
    var image = builtImage();
    return lab.once("api", () -> StartedApi.start(runtime(image)));
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

  /** A container of its own, for a check that stops it. */
  private GenericContainer<?> freshApi() {
    var image = builtImage();
    runningApi();
    return runtime(image).startApi();
  }

  /** The compose model for checks that build on compose-up: skipped when it cannot be had. */
  private JsonNode composeModelOrSkip() {
    try {
      return composeModel();
    } catch (CheckFailure e) {
      return Assumptions.abort("compose.yaml cannot be used (see compose-up)");
    }
  }

  private JsonNode composeModel() {
    return lab.once("compose-model", () -> NotesStack.vettedModel(lab, staged()));
  }

  /**
   * The shared stack, started once for compose-up and data-survives; never started when api is not
   * built or db is not the catalog's PostgreSQL (an image the machine lacks: Compose would pull).
   */
  private RunningStack stack() {
    var model = composeModelOrSkip();
    Assumptions.assumeTrue(
        ComposeRules.apiBuiltAndDbImage(model, lab.images().image("postgres")).isEmpty(),
        "api is not built from ./app, or db is not the catalog's PostgreSQL (see compose-up)");
    Assumptions.assumeTrue(
        image().map(LearnerImage::built).orElse(false),
        "the image does not build (see image-builds)");
    return lab.once("stack", () -> RunningStack.start(lab, staged(), composeModel()));
  }

  private static void assertNone(List<Problem> problems) {
    var feedback = new Feedback();
    problems.forEach(feedback::add);
    feedback.assertNone();
  }
}
