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

  /**
   * No {@code # syntax=} parser directive: it makes BuildKit fetch a frontend image from a registry
   * before it reads a single instruction, and the kit never pulls (offline rooms, a shared grading
   * machine). The kit's BuildKit has the Dockerfile frontend built in, so the line is not needed.
   */
  static List<Problem> noFrontendImage(Dockerfile dockerfile) {
    var feedback = new Feedback();
    for (var directive : dockerfile.directives()) {
      if (directive.name().equalsIgnoreCase("syntax")) {
        var image = directive.value();
        feedback.add(
            Problem.in(
                    StagedLab.DOCKERFILE,
                    "line " + directive.line() + " asks for the frontend image " + image)
                .at(directive.line(), null)
                .expected("a Dockerfile the kit's BuildKit reads with its built-in frontend")
                .actual(
                    "# "
                        + directive.name()
                        + "="
                        + image
                        + " is a parser directive: BuildKit pulls the image "
                        + image
                        + " from a registry and lets it read the Dockerfile. The kit builds"
                        + " offline and never pulls, so the build would stop before its first"
                        + " instruction with an engine error")
                .hint(
                    "Delete line "
                        + directive.line()
                        + ". The kit's BuildKit has the Dockerfile frontend built in, and it"
                        + " understands everything this lab uses (multi-stage builds, COPY --from,"
                        + " RUN --mount=type=cache); the syntax line only matters for features"
                        + " newer than your BuildKit."));
      }
    }
    return feedback.problems();
  }

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

  /** What of the build may not ship: a name for the learner, and how to spot it in a path. */
  private record Leftover(String what, Pattern path) {}

  /**
   * Build leftovers, each matched up to the folder or file that is the leftover: a Maven
   * repository, compiled classes outside a jar, Java sources and the build's pom.xml. The kit's
   * eclipse-temurin JRE has none of them (measured: its file list has no *.java, *.class, pom.xml
   * or .m2; only the folder /etc/.java).
   */
  private static final List<Leftover> LEFTOVERS =
      List.of(
          new Leftover("a Maven repository (.m2)", Pattern.compile("(.*?/\\.m2)(?=/|$)")),
          new Leftover(
              "compiled classes outside the jar (target/classes)",
              Pattern.compile("(.*?/target/(test-)?classes(?=/|$)|.*/[^/]+\\.class$)")),
          // A name before the dot: the JRE's own preferences folder is /etc/.java.
          new Leftover(
              "the app's sources (src/, *.java)",
              Pattern.compile("(.*?/src/main(?=/|$)|.*/[^/]+\\.java$)")),
          new Leftover("the build file pom.xml", Pattern.compile("(.*/pom\\.xml)$")));

  /**
   * The final image holds the jar and its libraries, nothing else of the build: {@code paths} are
   * every file and folder of the image. Each kind found is reported once, with up to three places,
   * at the final stage's COPY that brought it (or its FROM).
   */
  static List<Problem> noBuildLeftovers(List<String> paths, Dockerfile dockerfile) {
    var feedback = new Feedback();
    for (var leftover : LEFTOVERS) {
      var found = new java.util.LinkedHashSet<String>();
      for (var path : paths) {
        var match = leftover.path().matcher(path);
        if (match.lookingAt()) {
          found.add(match.group(1));
        }
      }
      if (found.isEmpty()) {
        continue;
      }
      var places = List.copyOf(found);
      feedback.add(
          Problem.in(StagedLab.DOCKERFILE, "the final image holds " + leftover.what())
              .at(copyLineOf(places, dockerfile), null)
              .expected("only the jar and its lib/ folder from the build stage")
              .actual(
                  String.join(", ", places.subList(0, Math.min(3, places.size())))
                      + (places.size() > 3 ? " and " + (places.size() - 3) + " more" : ""))
              .hint(
                  "The runtime stage should COPY --from=build only what runs: COPY --from=build"
                      + " /src/target/notes-api.jar ./ and COPY --from=build /src/target/lib ./lib."
                      + " Copying the whole build folder or ~/.m2 ships sources and downloads"
                      + " nobody needs at run time: a larger image, and more for an attacker."));
    }
    return feedback.problems();
  }

  /**
   * The line of the final stage's last COPY or ADD whose destination holds the first of {@code
   * places}; the final FROM when none does (a relative destination is read against the stage's
   * WORKDIR).
   */
  private static Integer copyLineOf(List<String> places, Dockerfile dockerfile) {
    var stages = dockerfile.stages();
    if (stages.isEmpty()) {
      return null;
    }
    var workdir = "/";
    var line = lastFromLine(dockerfile);
    for (var instruction : stages.get(stages.size() - 1).body()) {
      var words = instruction.arguments().strip().split("\\s+");
      var last = words[words.length - 1];
      if (instruction.keyword().equals("WORKDIR")) {
        workdir = last.startsWith("/") ? last : workdir + "/" + last;
      } else if (instruction.keyword().equals("COPY") || instruction.keyword().equals("ADD")) {
        var destination =
            java.nio.file.Path.of(last.startsWith("/") ? last : workdir + "/" + last)
                .normalize()
                .toString();
        var prefix = destination.equals("/") ? "/" : destination + "/";
        if (places.get(0).startsWith(prefix) || places.get(0).equals(destination)) {
          line = instruction.line();
        }
      }
    }
    return line;
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
