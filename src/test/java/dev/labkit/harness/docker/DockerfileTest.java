package dev.labkit.harness.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.testcontainers.utility.DockerImageName;

class DockerfileTest {

  @Test
  void joinsContinuationsSkipsCommentsAndKeepsFirstLines() {
    var dockerfile =
        Dockerfile.parse(
            """
            # a comment
            ARG BASE=eclipse-temurin:21-jre

            FROM maven:3.9.9-eclipse-temurin-21 AS build
            RUN mvn -B \\
                # a comment inside
                package
            FROM ${BASE}
            COPY --from=build /src/target/app.jar /app/
            CMD ["java", "-jar", "/app/app.jar"]
            """);

    assertThat(dockerfile.global())
        .extracting(Dockerfile.Instruction::keyword)
        .containsExactly("ARG");
    assertThat(dockerfile.stages()).hasSize(2);
    var build = dockerfile.stages().get(0);
    assertThat(build.name()).contains("build");
    assertThat(build.body().get(0).arguments()).isEqualTo("mvn -B  package");
    assertThat(build.body().get(0).line()).isEqualTo(5);
    assertThat(dockerfile.stages().get(1).displayName()).isEqualTo("stage-1");
    assertThat(
            dockerfile.stage(Optional.of("stage-1")).orElseThrow().step(3).orElseThrow().keyword())
        .isEqualTo("CMD");
  }

  @Test
  void honoursTheEscapeDirectiveAndHeredocs() {
    var dockerfile =
        Dockerfile.parse(
            """
            # escape=`
            FROM debian:13
            RUN echo a `
                b
            RUN <<EOF
            echo FROM inside a heredoc
            EOF
            USER 1000
            """);

    var body = dockerfile.stages().get(0).body();
    assertThat(body)
        .extracting(Dockerfile.Instruction::keyword)
        .containsExactly("RUN", "RUN", "USER");
    assertThat(body.get(2).line()).isEqualTo(8);
  }

  @Test
  void baseImagesResolveArgumentsAndSkipStagesAndScratch() {
    var bases =
        BaseImages.of(
            Dockerfile.parse(
                """
                ARG JRE=eclipse-temurin:21-jre
                ARG MAVEN_TAG
                FROM --platform=$BUILDPLATFORM maven:${MAVEN_TAG:-3.9.9-eclipse-temurin-21} AS Build
                FROM build AS tests
                FROM scratch AS empty
                FROM $JRE
                FROM maven
                """));

    assertThat(bases)
        .extracting(base -> base.reference().toString())
        .containsExactly("maven:3.9.9-eclipse-temurin-21", "eclipse-temurin:21-jre", "maven");
    assertThat(bases.get(2).line()).isEqualTo(7);
  }

  @Test
  void pinningTellsVersionsFromMovingTags() {
    assertThat(ImageReference.parse("maven:3.9.9-eclipse-temurin-21").pinning())
        .isEqualTo(ImageReference.Pinning.VERSION_TAG);
    assertThat(ImageReference.parse("prom/prometheus:v2.53.3").isPinned()).isTrue();
    assertThat(ImageReference.parse("localhost:5000/app").pinning())
        .isEqualTo(ImageReference.Pinning.IMPLICIT_LATEST);
    assertThat(ImageReference.parse("maven:latest").pinning())
        .isEqualTo(ImageReference.Pinning.LATEST);
    assertThat(ImageReference.parse("eclipse-temurin:jre").pinning())
        .isEqualTo(ImageReference.Pinning.NOT_A_VERSION);
    assertThat(ImageReference.parse("maven@sha256:abc").pinning())
        .isEqualTo(ImageReference.Pinning.DIGEST);
  }

  @Test
  void aWrittenReferenceComparesWithACatalogImage() {
    var catalog = ImageReference.of(DockerImageName.parse("postgres:17"));

    assertThat(catalog.shortRepository()).isEqualTo("postgres");
    assertThat(ImageReference.parse("docker.io/library/postgres:17.2").isVariantOf(catalog))
        .isTrue();
    assertThat(ImageReference.parse("postgres:17-alpine").isVariantOf(catalog)).isTrue();
    assertThat(ImageReference.parse("postgres:16").isVariantOf(catalog)).isFalse();
    assertThat(ImageReference.parse("postgres").isVariantOf(catalog))
        .as("no tag is not 17")
        .isFalse();
    assertThat(ImageReference.parse("mysql:17").isVariantOf(catalog)).isFalse();
    assertThat(ImageReference.parse("maven:3.9@sha256:abc").tag())
        .as("a tag beside a digest is kept")
        .contains("3.9");
  }

  @Test
  void buildLogKnowsCachedFailedAndUnnamedStageSteps() {
    var log =
        BuildLog.parse(
            """
            #5 [build 2/5] COPY pom.xml .
            #5 CACHED

            #7 [3/4] RUN useradd app
            #7 CANCELED

            #6 [2/4] RUN mvn -B package
            #6 0.412 [INFO] Scanning for projects...
            #6 ERROR: executor failed running [/bin/sh -c mvn -B package]: exit code: 1
            ------
            ERROR: failed to solve: executor failed running [/bin/sh -c mvn -B package]: exit code: 1
            """);

    assertThat(log.executed()).extracting(BuildLog.Step::id).containsExactly(7, 6);
    assertThat(log.interruptedRuns()).containsExactly("RUN useradd app", "RUN mvn -B package");
    assertThat(log.failedInstruction()).contains("RUN mvn -B package");
    var failed = log.failedStep().orElseThrow();
    assertThat(failed.position().orElseThrow().stage()).isEmpty();
    assertThat(failed.position().orElseThrow().number()).isEqualTo(2);
    assertThat(log.outputOf(failed)).contains("[INFO] Scanning for projects...");
    assertThat(log.error())
        .contains("executor failed running [/bin/sh -c mvn -B package]: exit code: 1");
  }
}
