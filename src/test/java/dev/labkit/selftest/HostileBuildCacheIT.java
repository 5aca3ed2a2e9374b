package dev.labkit.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.labkit.harness.grading.BatchGrader;
import dev.labkit.harness.grading.GradedSubmission;
import dev.labkit.harness.run.KitRoot;
import dev.labkit.harness.workspace.Folders;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two docker-basics submissions graded one after the other: the first plants a file in a BuildKit
 * cache mount of {@code /root/.m2} (where a Maven plugin jar would run in later builds); the
 * second's build mounts the same cache and fails if it finds the file. Both must score 100: the
 * planted file never reaches another submission's build.
 */
class HostileBuildCacheIT {

  @TempDir Path folder;

  @Test
  void aCacheMountOfOneSubmissionNeverReachesTheNext() throws Exception {
    var kit = KitRoot.locate();
    var solution = kit.resolve("labs/docker-basics/solution");
    var submissions = Files.createDirectories(folder.resolve("submissions"));
    var marker = "planted-" + UUID.randomUUID();
    var planter = submissions.resolve("1-planter");
    var victim = submissions.resolve("2-victim");
    Folders.copy(solution, planter);
    Folders.copy(solution, victim);
    addBuildStep(
        planter,
        "RUN --mount=type=cache,target=/root/.m2 mkdir -p /root/.m2 && echo x > /root/.m2/"
            + marker);
    addBuildStep(
        victim,
        "RUN --mount=type=cache,target=/root/.m2 test ! -e /root/.m2/"
            + marker
            + " || (echo 'found what another submission planted' && false)");

    var byName =
        new BatchGrader(
                kit,
                "docker-basics",
                1,
                Duration.ofMinutes(20),
                new PrintStream(OutputStream.nullOutputStream()))
            .grade(submissions, folder.resolve("batch")).stream()
                .collect(Collectors.toMap(GradedSubmission::name, row -> row));

    assertThat(byName.get("1-planter").score()).as("the planter, graded first").isEqualTo(100);
    assertThat(byName.get("2-victim").report().orElseThrow().checks())
        .as("the next submission's checks: its build never sees the planted file")
        .allSatisfy(check -> assertThat(check.status().label()).isEqualTo("passed"));
  }

  /** A step right after the build stage's FROM, where the cache mount of /root/.m2 is used. */
  private static void addBuildStep(Path submission, String step) throws IOException {
    var dockerfile = submission.resolve("app/Dockerfile");
    var text = Files.readString(dockerfile);
    var from = "FROM maven:3.9.9-eclipse-temurin-21 AS build\n";
    assertThat(text).contains(from);
    Files.writeString(dockerfile, text.replace(from, from + step + "\n"));
  }
}
