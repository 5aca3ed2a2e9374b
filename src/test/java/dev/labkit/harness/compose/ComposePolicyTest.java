package dev.labkit.harness.compose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.yaml.YamlNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The policy on {@code docker compose config --format json} as Compose 2.26 wrote it ({@code
 * src/test/resources/compose/record.sh}): every accepted case passes, every refused case names its
 * keys and services, with the line, expected, actual and a hint that says why first.
 */
class ComposePolicyTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path HOME = Path.of("/home/grader");

  @TempDir Path folder;

  static List<ComposeCase> accepted() {
    return ComposeCase.all("accepted");
  }

  static List<ComposeCase> refused() {
    return ComposeCase.all("refused");
  }

  private List<Problem> judge(ComposeCase testCase) throws Exception {
    var project = testCase.layOut(Files.createDirectories(folder.resolve("project")), "/nowhere");
    var real = project.toRealPath();
    var reads = ComposeFileReads.check(real, "compose.yaml");
    assertThat(reads.problems()).as("%s: the files Compose reads", testCase).isEmpty();
    var model = JSON.readTree(testCase.recordedConfig(real, HOME));
    var file = YamlNode.parse(Files.readString(real.resolve("compose.yaml")));
    return new ComposePolicy(real, "compose.yaml", reads.files()).check(model, file);
  }

  private static String describe(List<Problem> problems) {
    return problems.stream().map(Problem::describe).collect(Collectors.joining("\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("accepted")
  void whatTheLabTeachesPasses(ComposeCase testCase) throws Exception {
    var problems = judge(testCase);

    assertThat(problems).as("%s must pass:%n%s", testCase, describe(problems)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void eachRefusalNamesServiceKeyAndLineAndSaysWhyFirst(ComposeCase testCase) throws Exception {
    var problems = judge(testCase);
    var lines = Files.readAllLines(folder.resolve("project/compose.yaml"));

    for (var expected : testCase.expected()) {
      assertThat(problems)
          .as("%s: a problem starting %s, among:%n%s", testCase, expected, describe(problems))
          .anySatisfy(
              problem -> {
                assertThat(problem.message()).startsWith(expected);
                assertThat(problem.file()).isEqualTo("compose.yaml");
                assertThat(problem.line()).as("the line of %s", expected).isNotNull();
                var key = expected.substring(expected.lastIndexOf(':') + 1).strip();
                var last = key.substring(key.lastIndexOf('.') + 1);
                var text = lines.get(problem.line() - 1);
                assertThat(
                        text.contains(last)
                            || (last.equals("volumes") && text.strip().startsWith("-")))
                    .as("line %d (%s) shows %s", problem.line(), text, key)
                    .isTrue();
              });
    }
    assertThat(problems)
        .as("%s: every problem has expected, actual and a hint", testCase)
        .allSatisfy(
            problem -> {
              assertThat(problem.expected()).isNotBlank();
              assertThat(problem.actual()).isNotBlank();
              assertThat(problem.hint())
                  .startsWith("The kit runs your compose file on a grading machine shared with");
            });
    assertThat(problems)
        .as("%s: only the expected problems:%n%s", testCase, describe(problems))
        .hasSize(testCase.expected().size());
  }

  @Test
  void aRefusedKeyThatComesFromAnAnchorHasNoLine() throws Exception {
    var file =
        YamlNode.parse(
            """
            x-loose: &loose
              privileged: true
            services:
              evil:
                <<: *loose
                image: postgres:17
            """);
    var model =
        JSON.readTree(
            """
            {"services": {"evil": {"image": "postgres:17", "privileged": true}}}
            """);

    var problems = new ComposePolicy(folder, "compose.yaml", Set.of()).check(model, file);

    assertThat(problems)
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.message()).startsWith("service evil: privileged");
              assertThat(problem.line()).isNull();
            });
  }

  @Test
  void anIncludeBroughtInByAMergeKeyIsRefusedToo() throws Exception {
    var file =
        YamlNode.parse(
            """
            x-more: &more
              include: [extra.yaml]
            <<: *more
            services:
              extra:
                image: postgres:17
            """);
    var model = JSON.readTree("{\"services\": {\"extra\": {\"image\": \"postgres:17\"}}}");

    var problems = new ComposePolicy(folder, "compose.yaml", Set.of()).check(model, file);

    assertThat(problems)
        .singleElement()
        .satisfies(problem -> assertThat(problem.message()).startsWith("include merges"));
  }

  @Test
  void aBindMountThroughALinkIsOutsideTheProject() throws Exception {
    var project = folder.toRealPath();
    Files.createSymbolicLink(project.resolve("data"), Path.of("/"));
    var model =
        JSON.readTree(
            """
            {"services": {"db": {"image": "postgres:17", "volumes": [
              {"type": "bind", "source": "%s/data/etc", "target": "/etc-of-host", "read_only": true}]}}}
            """
                .formatted(project));

    var problems =
        new ComposePolicy(project, "compose.yaml", Set.of())
            .check(model, YamlNode.parse("services: {}\n"));

    assertThat(problems)
        .singleElement()
        .satisfies(problem -> assertThat(problem.message()).contains("outside the lab folder"));
  }

  @Test
  void theWholeProjectReadOnlyIsAllowedButNotWritable() throws Exception {
    var project = folder.toRealPath();
    var model =
        """
        {"services": {"tools": {"image": "postgres:17", "volumes": [
          {"type": "bind", "source": "%s", "target": "/project", "read_only": %s}]}}}
        """;

    var readOnly =
        new ComposePolicy(project, "compose.yaml", Set.of())
            .check(JSON.readTree(model.formatted(project, true)), YamlNode.missing());
    var writable =
        new ComposePolicy(project, "compose.yaml", Set.of())
            .check(JSON.readTree(model.formatted(project, false)), YamlNode.missing());

    assertThat(readOnly).isEmpty();
    assertThat(writable)
        .singleElement()
        .satisfies(
            problem ->
                assertThat(problem.message())
                    .isEqualTo(
                        "service tools: volumes mounts the lab folder (.) writable, and it holds ./compose.yaml"));
  }

  @Test
  void aWritableBindMountMayNotHoldAnEnvFileComposeReads() throws Exception {
    var project = folder.toRealPath();
    var model =
        JSON.readTree(
            """
            {"services": {"db": {"image": "postgres:17", "volumes": [
              {"type": "bind", "source": "%s/settings", "target": "/settings"}]}}}
            """
                .formatted(project));

    var problems =
        new ComposePolicy(project, "compose.yaml", Set.of(project.resolve("settings/db.env")))
            .check(model, YamlNode.missing());

    assertThat(problems)
        .singleElement()
        .satisfies(
            problem -> assertThat(problem.message()).endsWith("and it holds ./settings/db.env"));
  }
}
