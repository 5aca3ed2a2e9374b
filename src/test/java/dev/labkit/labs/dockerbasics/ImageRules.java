package dev.labkit.labs.dockerbasics;

import dev.labkit.harness.docker.BaseImages;
import dev.labkit.harness.docker.Dockerfile;
import dev.labkit.harness.feedback.Feedback;
import dev.labkit.harness.feedback.Problem;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What the learner's Dockerfile and the image it builds must be: pinned bases, only a runtime in
 * the final stage and a size budget, a declared port and health check, and no secret in ENV or the
 * image history.
 */
final class ImageRules {

  /** Measured: the solution's image is 346 MB on the stand-in JRE; a Maven image is 550 MB+. */
  static final long SIZE_BUDGET_MB = 400;

  static final Pattern SECRET_NAME =
      Pattern.compile(
          "(?i)[A-Z0-9_]*(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL)[A-Z0-9_]*");

  private static final Pattern ASSIGNMENT = Pattern.compile("\\b([A-Za-z0-9_]+)=(\\S+)");

  private ImageRules() {}

  /** Every FROM names a version (or a digest), never latest. */
  static List<Problem> basesPinned(Dockerfile dockerfile) {
    var feedback = new Feedback();
    var bases = BaseImages.of(dockerfile);
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
    return feedback.problems();
  }

  /**
   * The final image runs java and holds neither javac nor mvn, within the budget. {@code programs}
   * gives where a program of that name sits in the image.
   */
  static List<Problem> runtimeOnly(
      Function<String, List<String>> programs, Dockerfile dockerfile, long sizeBytes) {
    var feedback = new Feedback();
    feedback.expect(
        !programs.apply("java").isEmpty(),
        () ->
            Problem.in(StagedLab.DOCKERFILE, "the final image has no java to run the app")
                .expected("a Java 21 runtime in the last stage (FROM eclipse-temurin:21-jre)")
                .actual("no bin/java anywhere in the image"));
    for (var tool : List.of("javac", "mvn")) {
      var found = programs.apply(tool);
      feedback.expect(
          found.isEmpty(),
          () ->
              Problem.in(StagedLab.DOCKERFILE, "the final image still contains " + tool)
                  .at(lastFromLine(dockerfile), null)
                  .expected("build tools only in the build stage; the last stage FROM a JRE")
                  .actual(String.join(", ", found.subList(0, Math.min(3, found.size()))))
                  .hint(
                      "Build in one stage (FROM maven:… AS build), then start a second stage FROM eclipse-temurin:21-jre and COPY --from=build only the jar and its lib/ folder."));
    }
    long megabytes = sizeBytes / 1_000_000;
    feedback.expect(
        megabytes <= SIZE_BUDGET_MB,
        () ->
            Problem.in(StagedLab.DOCKERFILE, "the image is larger than the budget")
                .expected("at most " + SIZE_BUDGET_MB + " MB")
                .actual(megabytes + " MB")
                .hint(
                    "A JRE base plus the jar and lib/ stays under it; a JDK, Maven or a copied ~/.m2 does not."));
    return feedback.problems();
  }

  /** The image declares port 8080 and a HEALTHCHECK of its own. */
  static List<Problem> portAndHealthcheckDeclared(ImageConfig config) {
    var feedback = new Feedback();
    var exposed = config.exposedPorts();
    feedback.expect(
        exposed.contains("8080/tcp"),
        () ->
            Problem.in(StagedLab.DOCKERFILE, "the image does not declare port 8080")
                .expected("EXPOSE 8080")
                .actual(exposed.isEmpty() ? "no EXPOSE" : "EXPOSE " + String.join(" ", exposed))
                .hint(
                    "EXPOSE documents the port the app listens on; docker run -P and tools read it."));
    feedback.expect(
        config.hasHealthcheck(),
        () ->
            Problem.in(StagedLab.DOCKERFILE, "the image has no HEALTHCHECK")
                .expected("HEALTHCHECK CMD … that asks GET http://localhost:8080/health")
                .actual(
                    "none: Docker can only say the container is running, not that the app answers")
                .hint(
                    "HEALTHCHECK --interval=5s CMD curl -fsS http://localhost:8080/health || exit 1 (curl and wget are in eclipse-temurin)."));
    return feedback.problems();
  }

  /**
   * No variable named like a secret with a value in the image's ENV, nor assigned in a step of its
   * history ({@code docker history --no-trunc}, one CreatedBy a line); each name is reported once.
   */
  static List<Problem> noSecrets(ImageConfig config, List<String> history, Dockerfile dockerfile) {
    var feedback = new Feedback();
    var reported = new TreeSet<String>();
    for (var variable : config.env()) {
      int equals = variable.indexOf('=');
      var name = equals < 0 ? variable : variable.substring(0, equals);
      var value = equals < 0 ? "" : variable.substring(equals + 1);
      if (SECRET_NAME.matcher(name).matches() && !value.isBlank() && reported.add(name)) {
        feedback.add(
            secretProblem(dockerfile, name, "ENV " + name + "=… is stored in the image config"));
      }
    }
    for (var createdBy : history) {
      var assignment = ASSIGNMENT.matcher(createdBy);
      while (assignment.find()) {
        var name = assignment.group(1);
        if (SECRET_NAME.matcher(name).matches() && reported.add(name)) {
          feedback.add(secretProblem(dockerfile, name, "the image history records " + name + "=…"));
        }
      }
    }
    return feedback.problems();
  }

  private static Problem secretProblem(Dockerfile dockerfile, String name, String actual) {
    var line =
        dockerfile.instructions().stream()
            .filter(
                i ->
                    (i.keyword().equals("ENV") || i.keyword().equals("ARG"))
                        && i.arguments().contains(name))
            .map(Dockerfile.Instruction::line)
            .findFirst()
            .orElse(null);
    return Problem.in(StagedLab.DOCKERFILE, name + " is baked into the image")
        .at(line, null)
        .expected("no password, token or key in ENV, ARG or the image history")
        .actual(actual)
        .hint(
            "Anyone who can pull the image reads it with docker image inspect or docker history. Pass secrets when the container starts (compose environment:, or secrets:).");
  }

  /** The line of the last FROM: where the final stage, and so what ships, begins. */
  static Integer lastFromLine(Dockerfile dockerfile) {
    var stages = dockerfile.stages();
    return stages.isEmpty() ? null : stages.get(stages.size() - 1).from().line();
  }
}
