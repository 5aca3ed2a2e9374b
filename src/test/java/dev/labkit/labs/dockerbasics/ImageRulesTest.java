package dev.labkit.labs.dockerbasics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.labkit.harness.docker.Dockerfile;
import dev.labkit.harness.feedback.Problem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageRulesTest {

  private static final Dockerfile SOLUTION =
      RecordedDocker.labDockerfile("solution/app/Dockerfile");

  @Test
  void theInspectedConfigIsReadAsTheEngineReportsIt() {
    var good = RecordedDocker.image("good");
    assertThat(good.user()).isEqualTo("notes");
    assertThat(good.exposedPorts()).containsExactly("8080/tcp");
    assertThat(good.hasHealthcheck()).isTrue();
    assertThat(good.sizeBytes()).isEqualTo(345_051_611L);

    var bad = RecordedDocker.image("bad");
    assertThat(bad.user()).isEmpty();
    assertThat(bad.exposedPorts()).isEmpty();
    assertThat(bad.hasHealthcheck()).isFalse();
    assertThat(new ImageConfig("", List.of(), List.of("NONE"), List.of(), 0).hasHealthcheck())
        .as("HEALTHCHECK NONE turns the base's off")
        .isFalse();
  }

  @Test
  void pinnedBasesPassAndLatestIsNamedWithItsLine() {
    assertThat(ImageRules.basesPinned(SOLUTION)).isEmpty();

    var latest =
        ImageRules.basesPinned(RecordedDocker.labDockerfile("mistakes/from-latest/app/Dockerfile"));
    assertThat(latest).hasSize(1);
    assertThat(latest.get(0).message()).isEqualTo("FROM maven:latest is not pinned to a version");
    assertThat(latest.get(0).line()).isEqualTo(2);
    assertThat(latest.get(0).actual()).isEqualTo("the tag latest");
  }

  @Test
  void aBaseWithoutTagReadsAsLatestAndNoFromIsSaid() {
    var untagged =
        ImageRules.basesPinned(Dockerfile.parse("FROM eclipse-temurin\nCMD [\"java\"]\n"));
    assertThat(untagged)
        .singleElement()
        .satisfies(p -> assertThat(p.actual()).isEqualTo("no tag, which Docker reads as :latest"));
    assertThat(ImageRules.basesPinned(Dockerfile.parse("# nothing\n")))
        .singleElement()
        .satisfies(p -> assertThat(p.message()).isEqualTo("no FROM names a base image"));
  }

  @Test
  void aRuntimeOnlyImageWithinTheBudgetPasses() {
    Map<String, List<String>> programs = Map.of("java", List.of("/opt/java/openjdk/bin/java"));
    assertThat(
            ImageRules.runtimeOnly(
                tool -> programs.getOrDefault(tool, List.of()), SOLUTION, 345_051_611L))
        .isEmpty();
  }

  @Test
  void buildToolsInTheFinalImagePointAtItsFromAndTheSizeIsReported() {
    var single = RecordedDocker.labDockerfile("mistakes/single-stage/app/Dockerfile");
    Map<String, List<String>> programs =
        Map.of(
            "java", List.of("/opt/java/openjdk/bin/java"),
            "javac", List.of("/opt/java/openjdk/bin/javac"),
            "mvn", List.of("/usr/share/maven/bin/mvn", "/usr/bin/mvn", "/a/mvn", "/b/mvn"));
    var problems =
        ImageRules.runtimeOnly(
            tool -> programs.getOrDefault(tool, List.of()), single, 560_000_000L);

    assertThat(problems)
        .extracting(Problem::message)
        .containsExactly(
            "the final image still contains javac",
            "the final image still contains mvn",
            "the image is larger than the budget");
    assertThat(problems.get(0).line()).isEqualTo(2);
    assertThat(problems.get(1).actual())
        .isEqualTo("/usr/share/maven/bin/mvn, /usr/bin/mvn, /a/mvn");
    assertThat(problems.get(2).actual()).isEqualTo("560 MB");
    assertThat(ImageRules.runtimeOnly(tool -> List.of(), single, 0))
        .extracting(Problem::message)
        .containsExactly("the final image has no java to run the app");
  }

  @Test
  void portAndHealthcheckAreReadFromTheConfig() {
    assertThat(ImageRules.portAndHealthcheckDeclared(RecordedDocker.image("good"))).isEmpty();

    var bad = ImageRules.portAndHealthcheckDeclared(RecordedDocker.image("bad"));
    assertThat(bad)
        .extracting(Problem::message)
        .containsExactly("the image does not declare port 8080", "the image has no HEALTHCHECK");
    assertThat(bad.get(0).actual()).isEqualTo("no EXPOSE");
    var other = new ImageConfig("", List.of("9090/tcp", "9091/tcp"), List.of(), List.of(), 0);
    assertThat(ImageRules.portAndHealthcheckDeclared(other).get(0).actual())
        .isEqualTo("EXPOSE 9090/tcp 9091/tcp");
  }

  @Test
  void noSecretsInTheGoodImage() {
    assertThat(
            ImageRules.noSecrets(
                RecordedDocker.image("good"), RecordedDocker.history("good"), SOLUTION))
        .isEmpty();
  }

  @Test
  void aSecretInEnvAndOneInTheHistoryAreEachReportedOnceAtTheirLine() {
    var dockerfile = Dockerfile.parse(RecordedDocker.text("images/Dockerfile.bad"));
    var problems =
        ImageRules.noSecrets(
            RecordedDocker.image("bad"), RecordedDocker.history("bad"), dockerfile);

    assertThat(problems)
        .extracting(Problem::message)
        .containsExactly(
            "DB_PASSWORD is baked into the image", "API_TOKEN is baked into the image");
    assertThat(problems.get(0).actual())
        .isEqualTo("ENV DB_PASSWORD=… is stored in the image config");
    assertThat(problems.get(0).line()).isEqualTo(3);
    assertThat(problems.get(1).actual()).isEqualTo("the image history records API_TOKEN=…");
    assertThat(problems.get(1).line()).isEqualTo(2);
  }

  @Test
  void anEmptySecretVariableIsNoSecret() {
    var config = new ImageConfig("", List.of(), List.of(), List.of("DB_PASSWORD=", "TOKEN"), 0);
    assertThat(ImageRules.noSecrets(config, List.of(), SOLUTION)).isEmpty();
  }

  @Test
  void aSyntaxDirectiveIsExplainedAtItsLineAndTheSolutionHasNone() {
    assertThat(ImageRules.noFrontendImage(SOLUTION)).isEmpty();
    var problems =
        ImageRules.noFrontendImage(
            RecordedDocker.labDockerfile("mistakes/syntax-directive/app/Dockerfile"));
    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message())
                  .isEqualTo("line 1 asks for the frontend image docker/dockerfile:1");
              assertThat(p.line()).isEqualTo(1);
              assertThat(p.actual()).contains("never pulls");
              assertThat(p.hint()).startsWith("Delete line 1.");
            });
    assertThat(
            ImageRules.noFrontendImage(
                Dockerfile.parse("# escape=`\n#  SYNTAX = docker/dockerfile:1.7\nFROM x:1\n")))
        .as("after another directive, in any case and spacing")
        .singleElement()
        .satisfies(p -> assertThat(p.line()).isEqualTo(2));
    assertThat(
            ImageRules.noFrontendImage(
                Dockerfile.parse("FROM x:1\n# syntax=docker/dockerfile:1\n")))
        .as("below an instruction it is a comment")
        .isEmpty();
  }

  @Test
  void theSolutionsRuntimeHoldsNoBuildLeftovers() {
    var paths =
        List.of(
            "/app",
            "/app/notes-api.jar",
            "/app/lib",
            "/app/lib/postgresql-42.7.4.jar",
            "/usr/src",
            "/usr/local/src",
            "/etc/.java",
            "/etc/.java/.systemPrefs",
            "/opt/java/openjdk/bin/java");
    assertThat(ImageRules.noBuildLeftovers(paths, SOLUTION)).isEmpty();
  }

  @Test
  void theWholeBuildFolderIsReportedByKindAtItsCopy() {
    var dockerfile =
        RecordedDocker.labDockerfile("mistakes/runtime-copies-build-folder/app/Dockerfile");
    var paths =
        List.of(
            "/app/pom.xml",
            "/app/src",
            "/app/src/main",
            "/app/src/main/java/dev/labkit/notes/NotesApi.java",
            "/app/target/classes",
            "/app/target/classes/dev/labkit/notes/NotesApi.class",
            "/app/target/test-classes",
            "/app/target/test-classes/dev/labkit/notes/JsonTest.class",
            "/app/target/notes-api.jar");
    var problems = ImageRules.noBuildLeftovers(paths, dockerfile);
    assertThat(problems)
        .extracting(Problem::message)
        .containsExactly(
            "the final image holds compiled classes outside the jar (target/classes)",
            "the final image holds the app's sources (src/, *.java)",
            "the final image holds the build file pom.xml");
    assertThat(problems).extracting(Problem::line).containsOnly(16);
    assertThat(problems.get(0).actual()).isEqualTo("/app/target/classes, /app/target/test-classes");
    assertThat(problems.get(1).actual()).isEqualTo("/app/src/main");
    assertThat(problems.get(0).hint()).contains("COPY --from=build /src/target/notes-api.jar");
  }

  @Test
  void aCopiedMavenRepositoryIsNamedOnceAndLooseClassesToo() {
    var paths =
        List.of(
            "/home/notes/.m2",
            "/home/notes/.m2/repository/org/postgresql/postgresql/42.7.4/postgresql-42.7.4.jar",
            "/app/classes/dev/labkit/notes/NotesApi.class",
            "/app/classes/dev/labkit/notes/Notes.class",
            "/app/classes/dev/labkit/notes/A.class",
            "/app/classes/dev/labkit/notes/B.class");
    var problems = ImageRules.noBuildLeftovers(paths, SOLUTION);
    assertThat(problems)
        .extracting(Problem::message)
        .containsExactly(
            "the final image holds a Maven repository (.m2)",
            "the final image holds compiled classes outside the jar (target/classes)");
    assertThat(problems.get(0).actual()).isEqualTo("/home/notes/.m2");
    assertThat(problems.get(0).line())
        .as("no COPY of the solution lands there: its FROM")
        .isEqualTo(12);
    assertThat(problems.get(1).actual()).endsWith("/A.class and 1 more");
  }
}
