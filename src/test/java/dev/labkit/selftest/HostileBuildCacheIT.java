package dev.labkit.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.labkit.harness.grading.BatchGrader;
import dev.labkit.harness.grading.GradedSubmission;
import dev.labkit.harness.run.KitRoot;
import dev.labkit.harness.run.RunSession;
import dev.labkit.harness.workspace.Folders;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Two docker-basics submissions graded one after the other: the first plants files in a BuildKit
 * cache mount of {@code /root/.m2} (where a Maven plugin jar would run in later builds), from the
 * Dockerfile the kit builds and from a second Dockerfile its compose file builds; the second's
 * builds mount the same cache and fail if they find either file. Both must score 100: nothing
 * planted reaches another submission's build, whichever way it is built.
 */
// Alone: its two grading JVMs each build the notes API with an empty private cache, within the
// kit's 5-minute build limit; beside the selftest's busiest cases (load 30 on two cores) Maven
// alone took 250 s to start in that build, and the planter lost its grade to the machine.
@Isolated
@ExtendWith(RunSession.Held.class)
class HostileBuildCacheIT {

  @TempDir Path folder;

  @Test
  void aCacheMountOfOneSubmissionNeverReachesTheNext() throws Exception {
    var kit = KitRoot.locate();
    var solution = kit.resolve("labs/docker-basics/.meta/solution");
    var submissions = Files.createDirectories(folder.resolve("submissions"));
    var byKit = "planted-" + UUID.randomUUID();
    var byCompose = "planted-" + UUID.randomUUID();
    var planterFolder = submissions.resolve("1-planter");
    var victim = submissions.resolve("2-victim");
    Folders.copy(solution, planterFolder);
    Folders.copy(solution, victim);
    buildStep(planterFolder, "Dockerfile", plant(byKit));
    buildStep(planterFolder, COMPOSE_DOCKERFILE, plant(byCompose));
    for (var dockerfile : List.of("Dockerfile", COMPOSE_DOCKERFILE)) {
      buildStep(victim, dockerfile, lookFor(byKit, byCompose));
    }

    // One submission at a time.
    var byName =
        new BatchGrader(
                kit,
                "docker-basics",
                1,
                Duration.ofMinutes(20),
                new PrintStream(OutputStream.nullOutputStream()))
            .grade(submissions, folder.resolve("batch")).stream()
                .collect(Collectors.toMap(GradedSubmission::name, row -> row));

    var planter = byName.get("1-planter");
    assertThat(planter.score())
        .as("the planter, graded first (%s): %s", planter.note(), outcomes(planter))
        .isEqualTo(100);
    assertThat(byName.get("2-victim").report().orElseThrow().checks())
        .as("the next submission's checks: its build never sees the planted file")
        .allSatisfy(check -> assertThat(check.status().label()).isEqualTo("passed"));
  }

  /** Each check's status and message, to say why a submission lost points. */
  private static String outcomes(GradedSubmission graded) {
    return graded
        .report()
        .map(
            report ->
                report.checks().stream()
                    .map(
                        check -> check.id() + " " + check.status().label() + ": " + check.message())
                    .collect(Collectors.joining("\n  ", "\n  ", "")))
        .orElse("no report");
  }

  /** Compose builds api from this one: the kit builds app/Dockerfile itself. */
  static final String COMPOSE_DOCKERFILE = "Compose.Dockerfile";

  private static String plant(String marker) {
    return "RUN --mount=type=cache,target=/root/.m2 mkdir -p /root/.m2 && echo x > /root/.m2/"
        + marker;
  }

  private static String lookFor(String marker, String other) {
    return "RUN --mount=type=cache,target=/root/.m2 (test ! -e /root/.m2/"
        + marker
        + " && test ! -e /root/.m2/"
        + other
        + ") || (echo 'found what another submission planted' && false)";
  }

  /**
   * A step right after the build stage's FROM of the solution's Dockerfile, written as {@code
   * app/<name>}; for {@link #COMPOSE_DOCKERFILE}, compose.yaml's api builds from it.
   */
  private static void buildStep(Path submission, String name, String step) throws IOException {
    var text = Files.readString(submission.resolve("app/Dockerfile"));
    var from = "FROM maven:3.9.9-eclipse-temurin-21 AS build\n";
    assertThat(text).contains(from);
    Files.writeString(
        submission.resolve("app").resolve(name), text.replace(from, from + step + "\n"));
    if (name.equals(COMPOSE_DOCKERFILE)) {
      var compose = submission.resolve("compose.yaml");
      var build = "    build: ./app\n";
      assertThat(Files.readString(compose)).contains(build);
      Files.writeString(
          compose,
          Files.readString(compose)
              .replace(
                  build, "    build:\n      context: ./app\n      dockerfile: " + name + "\n"));
    }
  }
}
