package dev.labkit.labs.dockerbasics;

import dev.labkit.harness.docker.BuildLog;
import dev.labkit.harness.docker.DockerCli;
import dev.labkit.harness.docker.DockerEngine;
import dev.labkit.harness.docker.Dockerfile;
import dev.labkit.harness.docker.ImageBuild;
import dev.labkit.harness.docker.KitContainers;
import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.run.LabContext;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.testcontainers.DockerClientFactory;

/**
 * The learner's image, built once per run from the staged app/ folder, and what its build said. Its
 * tag is the run's own; closing removes it (and the images the other builds of the run made).
 */
final class LearnerImage implements AutoCloseable {

  private static final AtomicInteger BUILDS = new AtomicInteger();

  final String tag;
  final Dockerfile dockerfile;
  final ImageBuild.Result build;
  private final java.util.List<String> extraTags =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  private LearnerImage(String tag, Dockerfile dockerfile, ImageBuild.Result build) {
    this.tag = tag;
    this.dockerfile = dockerfile;
    this.build = build;
  }

  /**
   * Builds the staged app/ once the base images the lab pins are on this machine (the kit never
   * pulls), as a step of the console; removed when the run ends.
   */
  static LearnerImage build(LabContext lab, StagedLab staged, String dockerfileText) {
    List.of("maven", "eclipse-temurin", "postgres")
        .forEach(name -> DockerEngine.requireImage(lab.images().image(name)));
    return lab.closeAtEnd(
        lab.console().step("building app/Dockerfile", () -> build(staged, dockerfileText)));
  }

  private static LearnerImage build(StagedLab staged, String dockerfileText) {
    var tag = newTag("notes-api");
    var result = ImageBuild.run(staged.app(), ImageBuild.Options.of(tag));
    return new LearnerImage(tag, Dockerfile.parse(dockerfileText), result);
  }

  /** A tag for another build of this run; removed with this image. */
  String extraTag(String purpose) {
    var tag = newTag(purpose);
    extraTags.add(tag);
    return tag;
  }

  private static String newTag(String purpose) {
    return "labkit-learner/"
        + purpose
        + ":"
        + KitContainers.runId()
        + "-"
        + BUILDS.incrementAndGet();
  }

  boolean built() {
    return build.succeeded();
  }

  /** The Dockerfile line of a BuildKit step such as {@code [build 4/6] RUN …}. */
  Optional<Integer> lineOf(BuildLog.Step step) {
    return step.position()
        .flatMap(position -> dockerfile.stage(position.stage()))
        .flatMap(stage -> step.position().flatMap(position -> stage.step(position.number())))
        .map(Dockerfile.Instruction::line);
  }

  /**
   * The instruction ("RUN mvn …") that made a build fail: from BuildKit's step names, or, when its
   * output names only the command, from this Dockerfile.
   */
  Optional<String> failedInstruction(BuildLog log) {
    return log.failedInstruction()
        .or(
            () ->
                log.failedCommand()
                    .flatMap(
                        command ->
                            dockerfile.instructions().stream()
                                .filter(
                                    i ->
                                        i.keyword().equals("RUN")
                                            && i.arguments()
                                                .replaceAll("\\s+", " ")
                                                .endsWith(command.replaceAll("\\s+", " ")))
                                .map(i -> i.keyword() + " " + i.arguments())
                                .findFirst()));
  }

  /** The line of the first instruction written as {@code instruction} ("RUN mvn …"). */
  Optional<Integer> lineOfInstruction(String instruction) {
    return dockerfile.instructions().stream()
        .filter(
            candidate ->
                sameInstruction(candidate.keyword() + " " + candidate.arguments(), instruction))
        .map(Dockerfile.Instruction::line)
        .findFirst();
  }

  /** Instructions as BuildKit prints them keep their spacing; the parser joins lines with one. */
  static boolean sameInstruction(String one, String other) {
    return one.replaceAll("\\s+", " ").strip().equals(other.replaceAll("\\s+", " ").strip());
  }

  /** Why the build failed, pointing at the failing instruction, with the tail of the output. */
  Problem failure() {
    var log = build.log();
    var failed = log.failedStep();
    var line = failed.flatMap(this::lineOf).or(log::parseErrorLine);
    var message =
        failed
            .map(step -> "the image does not build: " + step.name() + " failed")
            .orElse(
                build.cli().timedOut()
                    ? "the image build did not finish in time"
                    : "the image does not build");
    return Problem.in(StagedLab.DOCKERFILE, message)
        .at(line.orElse(null), null)
        .expected("docker build finishes and tags an image")
        .actual(
            log.error().map(error -> error + "\n").orElse("")
                + "last lines of the build output:\n"
                + build.cli().tail(25))
        .hint(
            "Run `docker build app` yourself to see the whole output. Paths in COPY are relative to app/ "
                + "(the build context), and files listed in app/.dockerignore are not there at all.");
  }

  /** Each step's CreatedBy from {@code docker history --no-trunc}, newest first. */
  java.util.List<String> history(java.nio.file.Path workingDirectory) {
    var result =
        DockerCli.run(
            java.util.List.of("image", "history", "--no-trunc", "--format", "{{.CreatedBy}}", tag),
            workingDirectory,
            java.time.Duration.ofSeconds(30));
    return java.util.List.of(result.output().split("\n"));
  }

  @Override
  public void close() {
    var docker = DockerClientFactory.lazyClient();
    extraTags.forEach(extra -> KitContainers.removeImageQuietly(docker, extra));
    KitContainers.removeImageQuietly(docker, tag);
  }
}
