package dev.labkit.harness.docker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrivateCacheMountsTest {

  @Test
  void everyCacheMountGetsAnIdOfTheRunsOwnOnItsOwnLine() {
    var rewritten =
        PrivateCacheMounts.of(
            """
            FROM maven:3.9.9-eclipse-temurin-21
            RUN --mount=type=cache,target=/root/.m2 \\
                --mount=type=cache,id=shared,target=/tmp/x,sharing=locked \\
                --mount="type=cache,target=/a b" \\
                --mount=type=bind,source=.,target=/src \\
                mvn -B package
            RUN --mount=TYPE=cache,dst=/y true
            """,
            "app/Dockerfile",
            "run1");

    assertThat(rewritten.problems()).isEmpty();
    assertThat(rewritten.text().lines().toList())
        .containsExactly(
            "FROM maven:3.9.9-eclipse-temurin-21",
            "RUN --mount=type=cache,target=/root/.m2,id=labkit-run1-/root/.m2 \\",
            "    --mount=type=cache,id=labkit-run1-shared,target=/tmp/x,sharing=locked \\",
            "    --mount=\"type=cache,target=/a b,id=labkit-run1-/a b\" \\",
            "    --mount=type=bind,source=.,target=/src \\",
            "    mvn -B package",
            "RUN --mount=TYPE=cache,dst=/y,id=labkit-run1-/y true");
  }

  @Test
  void quotingCannotHideACacheMount() {
    var rewritten =
        PrivateCacheMounts.of(
            """
            RUN --mount="type=cache","id=shared",target=/x true
            RUN --"mount"=type=cache,id=shared,target=/y true
            # a comment with an open quote --a"
            RUN --mount=type=cache,id=shared,target=/z true
            # "
            """,
            "Dockerfile",
            "r");

    assertThat(rewritten.problems()).isEmpty();
    assertThat(rewritten.text().lines().toList())
        .contains(
            "RUN --mount=type=cache,id=labkit-r-shared,target=/x true",
            "RUN --mount=type=cache,id=labkit-r-shared,target=/y true",
            "RUN --mount=type=cache,id=labkit-r-shared,target=/z true");
  }

  @Test
  void aFlagSplitOverLinesIsRefused() {
    var rewritten =
        PrivateCacheMounts.of(
            "RUN --mount=type=cache,id=shared,\\\ntarget=/x true\n", "Dockerfile", "r");

    assertThat(rewritten.problems()).singleElement();
  }

  @Test
  void aMountSpecFromAVariableIsRefusedAtItsLine() {
    var rewritten =
        PrivateCacheMounts.of(
            "FROM scratch\nARG M=type=cache,id=shared,target=/x\nRUN --mount=$M true\n",
            "app/Dockerfile",
            "r");

    assertThat(rewritten.problems())
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.file()).isEqualTo("app/Dockerfile");
              assertThat(problem.line()).isEqualTo(3);
              assertThat(problem.message()).contains("--mount");
              assertThat(problem.hint()).contains("without variables");
            });
  }

  @Test
  void aDockerfileWithoutCacheMountsStaysAsItIs() {
    var text = "FROM eclipse-temurin:21-jre\nRUN echo --mount is just text here\n";
    assertThat(PrivateCacheMounts.of(text, "Dockerfile", "r").text()).isEqualTo(text);
  }

  @Test
  void rewritingTwiceForTheSameRunChangesNothing() {
    var once =
        PrivateCacheMounts.of(
                "RUN --mount=type=cache,target=/root/.m2 --mount=type=cache,id=x,target=/y true\n",
                "Dockerfile",
                "r")
            .text();

    assertThat(PrivateCacheMounts.of(once, "Dockerfile", "r").text()).isEqualTo(once);
  }
}
