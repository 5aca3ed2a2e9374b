package dev.labkit.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.labkit.harness.grading.BatchGrader;
import dev.labkit.harness.grading.GradedSubmission;
import dev.labkit.harness.run.KitRoot;
import dev.labkit.harness.selftest.SelfTestSlots;
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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Two docker-basics submissions graded one after the other: the first plants files in a BuildKit
 * cache mount of {@code /root/.m2} (where a Maven plugin jar would run in later builds), from the
 * Dockerfile the kit builds and from a second Dockerfile its compose file builds; the second's
 * builds mount the same cache and fail if they find either file. Both must score 100: nothing
 * planted reaches another submission's build, whichever way it is built.
 */
// Beside the labs' selftest cases, not after them: it mostly waits, and its lab's slots bound it.
@Execution(ExecutionMode.CONCURRENT)
class HostileBuildCacheIT {

  @TempDir Path folder;

  @Test
  void aCacheMountOfOneSubmissionNeverReachesTheNext() throws Exception {
    var kit = KitRoot.locate();
    var solution = kit.resolve("labs/docker-basics/solution");
    var submissions = Files.createDirectories(folder.resolve("submissions"));
    var byKit = "planted-" + UUID.randomUUID();
    var byCompose = "planted-" + UUID.randomUUID();
    var planter = submissions.resolve("1-planter");
    var victim = submissions.resolve("2-victim");
    Folders.copy(solution, planter);
    Folders.copy(solution, victim);
    buildStep(planter, "Dockerfile", plant(byKit));
    buildStep(planter, COMPOSE_DOCKERFILE, plant(byCompose));
    for (var dockerfile : List.of("Dockerfile", COMPOSE_DOCKERFILE)) {
      buildStep(victim, dockerfile, lookFor(byKit, byCompose));
    }

    // One submission at a time, in one of docker-basics' selftest slots.
    var byName =
        SelfTestSlots.inSlotOf(
                "docker-basics",
                () ->
                    new BatchGrader(
                            kit,
                            "docker-basics",
                            1,
                            Duration.ofMinutes(20),
                            new PrintStream(OutputStream.nullOutputStream()))
                        .grade(submissions, folder.resolve("batch")))
            .stream()
            .collect(Collectors.toMap(GradedSubmission::name, row -> row));

    assertThat(byName.get("1-planter").score()).as("the planter, graded first").isEqualTo(100);
    assertThat(byName.get("2-victim").report().orElseThrow().checks())
        .as("the next submission's checks: its build never sees the planted file")
        .allSatisfy(check -> assertThat(check.status().label()).isEqualTo("passed"));
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
