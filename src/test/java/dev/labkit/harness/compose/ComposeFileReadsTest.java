package dev.labkit.harness.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.labkit.harness.feedback.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The raw compose file is checked before Compose reads anything it names. */
class ComposeFileReadsTest {

  @TempDir Path folder;

  private Path project;

  private ComposeFileReads.Result check(String compose) throws Exception {
    project = folder.resolve("project");
    Files.createDirectories(project);
    Files.writeString(project.resolve("compose.yaml"), compose);
    return ComposeFileReads.check(project, "compose.yaml");
  }

  private static List<String> messages(ComposeFileReads.Result result) {
    return result.problems().stream().map(Problem::message).toList();
  }

  static List<ComposeCase> refusedBeforeCompose() {
    return ComposeCase.all("refused-before-compose");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedBeforeCompose")
  void theHostileCasesAreRefusedBeforeComposeRuns(ComposeCase testCase) throws Exception {
    var project =
        testCase.layOut(Files.createDirectories(folder.resolve("project")), "/etc/shadow");

    var result = ComposeFileReads.check(project, "compose.yaml");

    for (var expected : testCase.expected()) {
      assertThat(result.problems())
          .as("%s: a problem starting %s", testCase, expected)
          .anySatisfy(
              problem -> {
                assertThat(problem.message()).startsWith(expected);
                assertThat(problem.line()).isNotNull();
                assertThat(problem.hint()).contains("share").contains("Put the file inside");
              });
    }
  }

  @Test
  void anEnvFileOutsideTheProjectIsRefusedWithItsLine() throws Exception {
    var result =
        check(
            """
            services:
              db:
                image: postgres:17
                env_file: /etc/shadow
            """);

    assertThat(result.problems())
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.message())
                  .isEqualTo("env_file: /etc/shadow is an absolute path, outside the lab folder");
              assertThat(problem.file()).isEqualTo("compose.yaml");
              assertThat(problem.line()).isEqualTo(4);
              assertThat(problem.actual()).isEqualTo("/etc/shadow");
            });
  }

  @Test
  void relativePathsThatLeaveInterpolationAndHomeAreRefused() throws Exception {
    var result =
        check(
            """
            services:
              db:
                image: postgres:17
                env_file:
                  - ../other-learner/.env
                  - ${HOME}/.env
                  - ~/.env
                  - path: /etc/shadow
                    required: false
                  - ./db.env
            """);

    assertThat(messages(result))
        .containsExactly(
            "env_file: ../other-learner/.env leaves the lab folder",
            "env_file: ${HOME}/.env is filled in by Compose from the grading machine's environment (${…})",
            "env_file: ~/.env is an absolute path, outside the lab folder",
            "env_file: /etc/shadow is an absolute path, outside the lab folder");
    assertThat(result.files()).containsExactly(project.toRealPath().resolve("db.env"));
  }

  @Test
  void extendsIncludeAndLabelFileAreCheckedAlike() throws Exception {
    var result =
        check(
            """
            include:
              - /srv/other/compose.yaml
              - path: ./more.yaml
                project_directory: /etc
                env_file: ../x.env
            services:
              api:
                extends:
                  file: /etc/passwd
                  service: base
                label_file: /etc/hostname
              db:
                extends: api
            """);

    assertThat(messages(result))
        .containsExactly(
            "include: /srv/other/compose.yaml is an absolute path, outside the lab folder",
            "include: /etc is an absolute path, outside the lab folder",
            "include: ../x.env leaves the lab folder",
            "extends: /etc/passwd is an absolute path, outside the lab folder",
            "label_file: /etc/hostname is an absolute path, outside the lab folder");
  }

  @Test
  void anchorsAliasesMergeKeysAndQuotedKeysAreFollowed() throws Exception {
    var result =
        check(
            """
            x-secret: &secret /etc/shadow
            x-base: &base
              env_file: /root/.aws/credentials
            services:
              api:
                <<: *base
                image: postgres:17
              db:
                "env_file": *secret
            """);

    assertThat(messages(result))
        .containsExactlyInAnyOrder(
            "env_file: /root/.aws/credentials is an absolute path, outside the lab folder",
            "env_file: /etc/shadow is an absolute path, outside the lab folder");
    // The aliased scalar is reported where it is written: the anchor's line.
    assertThat(result.problems())
        .filteredOn(problem -> problem.actual().equals("/etc/shadow"))
        .singleElement()
        .satisfies(problem -> assertThat(problem.line()).isEqualTo(1));
  }

  @Test
  void composeFilesNamedInsideTheProjectAreCheckedToo() throws Exception {
    project = Files.createDirectories(folder.resolve("project"));
    Files.createDirectories(project.resolve("parts"));
    Files.writeString(
        project.resolve("parts/base.yaml"),
        """
        services:
          base:
            image: postgres:17
            env_file: ../../../etc/shadow
        """);
    Files.writeString(project.resolve("parts/extra.yaml"), "include:\n  - base.yaml\n");

    var result =
        check(
            """
            include:
              - parts/extra.yaml
            services:
              api:
                extends:
                  file: parts/base.yaml
                  service: base
            """);

    assertThat(result.problems())
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.file()).isEqualTo("parts/base.yaml");
              assertThat(problem.line()).isEqualTo(4);
              assertThat(problem.message()).startsWith("env_file: ../../../etc/shadow leaves");
            });
  }

  @Test
  void aPathThroughALinkIsRefused() throws Exception {
    project = Files.createDirectories(folder.resolve("project"));
    Files.createSymbolicLink(project.resolve("etc"), Path.of("/etc"));

    var result = check("services:\n  db:\n    image: postgres:17\n    env_file: etc/shadow\n");

    assertThat(messages(result)).containsExactly("env_file: etc/shadow goes through a link");
  }

  @Test
  void aFileWithinTheProjectPasses() throws Exception {
    var result =
        check(
            """
            services:
              db:
                image: postgres:17
                env_file: [./db.env, {path: ./local.env, required: false}]
              api:
                extends: db
                environment: {include: yes}
            """);

    assertThat(result.problems()).isEmpty();
    var real = project.toRealPath();
    assertThat(result.files()).contains(real.resolve("db.env"), real.resolve("local.env"));
  }

  @Test
  void aDocumentOfNestedAliasesIsWalkedOnceAndFast() throws Exception {
    var yaml = new StringBuilder("x-0: &a0 [leaf]\n");
    for (int i = 1; i <= 24; i++) {
      yaml.append("x-").append(i).append(": &a").append(i);
      yaml.append(" [*a").append(i - 1).append(", *a").append(i - 1).append("]\n");
    }
    yaml.append("services:\n  db:\n    image: postgres:17\n    env_file: *a24\n");

    var result = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> check(yaml.toString()));

    assertThat(messages(result)).isEmpty(); // "leaf" is a relative path inside the project
  }

  @Test
  void yamlTheKitCannotReadIsRefusedWithWhereItStopped() throws Exception {
    var result = check("services:\n  db:\n    image: postgres:17\n   env_file: x\n");

    assertThat(result.problems())
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.message()).startsWith("the file is not valid YAML");
              assertThat(problem.line()).isEqualTo(4);
            });
  }
}
