package dev.labkit.selftest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.labkit.harness.docker.DockerEngine;
import dev.labkit.harness.lab.LabCatalog;
import dev.labkit.harness.process.Command;
import dev.labkit.harness.process.CommandResult;
import dev.labkit.harness.process.LogTail;
import dev.labkit.harness.process.PassedEnvironment;
import dev.labkit.harness.run.KitRoot;
import dev.labkit.harness.selftest.ByHandBlock;
import dev.labkit.harness.selftest.ByHandBlock.ByHandCommand;
import dev.labkit.harness.selftest.SelfTestCases;
import dev.labkit.harness.workspace.Folders;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command a lab README tells a learner to run by hand works as written: each block marked
 * {@code <!-- by hand in <folder>: run by ReadmeCommandsIT -->} runs line by line with bash against
 * the lab's solution, in a copy of the kit laid out as the learner's (the lab with its solution
 * over the starter, {@code compose/}, the kit's certificate), and each line must exit 0 and print
 * what its {@code # → ...} comment promises. The stack is removed afterwards whatever happened.
 */
// Alone: the by-hand stacks publish fixed ports on 127.0.0.1 (8080, 8443, 9090, 9093, 4566), as the
// README says; nothing else in the selftest may hold them meanwhile.
@Isolated
class ReadmeCommandsIT {

  /** A command runs at most this long; the docker-basics build is the longest (a Maven build). */
  private static final Duration COMMAND_LIMIT = Duration.ofMinutes(10);

  /** A probe may be tried again this long: a service answers a moment after `up --wait`. */
  private static final Duration PROBE_LIMIT = Duration.ofSeconds(60);

  private static final Pattern BUILT_TAG = Pattern.compile("docker build .*-t (\\S+)");

  @TempDir Path tree;

  static List<ByHandBlock> blocks() {
    var kit = KitRoot.locate();
    var onlyLab = Optional.ofNullable(System.getProperty("lab")).filter(lab -> !lab.isBlank());
    var catalog = new LabCatalog(kit);
    var blocks = new ArrayList<ByHandBlock>();
    for (var lab : catalog.ids()) {
      if (onlyLab.isEmpty() || onlyLab.get().equals(lab)) {
        blocks.addAll(ByHandBlock.read(kit, catalog.folder(lab).resolve("README.md")));
      }
    }
    if (onlyLab.isEmpty()) {
      // A lab of its own may have no by-hand block; the kit as a whole has some.
      assertThat(blocks).as("by-hand blocks in the labs' READMEs").isNotEmpty();
    }
    return blocks;
  }

  @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
  @MethodSource("blocks")
  void everyCommandWorksAsWritten(ByHandBlock block) {
    assumeTrue(DockerEngine.isAvailable(), "the by-hand commands need Docker");
    var lab = Path.of(block.readme()).getParent().getFileName().toString();
    layOut(lab);
    var project = "labkit-readme-" + UUID.randomUUID().toString().substring(0, 8);
    var folder = tree.resolve(block.folder());
    var builtTags = new LinkedHashSet<String>();
    try {
      for (var command : block.commands()) {
        var tag = BUILT_TAG.matcher(command.text());
        if (tag.find()) {
          builtTags.add(tag.group(1));
        }
        runAsWritten(block, command, folder, project);
      }
    } finally {
      removeStack(project, folder, builtTags);
    }
  }

  /**
   * The lab as a learner who finished it has it, beside the kit's compose files and certificate.
   */
  private void layOut(String lab) {
    var kit = KitRoot.locate();
    var solution = SelfTestCases.solutionFolder(kit, lab);
    var labFolder = tree.resolve("labs").resolve(lab);
    Folders.copy(new LabCatalog(kit).folder(lab), labFolder);
    Folders.delete(labFolder.resolve(LabCatalog.KIT_OWN));
    Folders.copy(solution, labFolder);
    Folders.copy(kit.resolve("compose"), tree.resolve("compose"));
    Folders.copy(kit.resolve("src/test/resources/certs"), tree.resolve("src/test/resources/certs"));
  }

  private static void runAsWritten(
      ByHandBlock block, ByHandCommand command, Path folder, String project) {
    var where = block.readme() + ":" + command.line() + ": " + command.text();
    if (command.promised().isEmpty()) {
      var result = run(command.text(), folder, project);
      if (!result.succeeded()) {
        fail(failure(where, result, "exit 0"));
      }
      return;
    }
    var promised = command.promised().get();
    var last = new AtomicReference<CommandResult>();
    try {
      await("`" + command.text() + "` prints " + promised)
          .atMost(PROBE_LIMIT)
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofSeconds(2))
          .until(
              () -> {
                var result = run(command.text(), folder, project);
                last.set(result);
                return result.succeeded() && result.output().contains(promised);
              });
    } catch (ConditionTimeoutException e) {
      fail(
          failure(
              where,
              last.get(),
              "exit 0 and output with \""
                  + promised
                  + "\" within "
                  + PROBE_LIMIT.toSeconds()
                  + " s"));
    }
  }

  private static CommandResult run(String line, Path folder, String project) {
    return Command.of("bash", "-o", "pipefail", "-c", line)
        .in(folder)
        .within(COMMAND_LIMIT)
        .passing(PassedEnvironment.DOCKER)
        .with("COMPOSE_PROJECT_NAME", project)
        .run();
  }

  private static String failure(String where, CommandResult result, String expected) {
    return String.format(
        "%s%n  expected: %s%n  actual:   %s, its output ends:%n%s",
        where,
        expected,
        result.timedOut()
            ? "stopped after " + COMMAND_LIMIT.toMinutes() + " min"
            : "exit " + result.exitCode(),
        LogTail.of(result.output(), 20).indent(4));
  }

  /** Whatever the block started or built, volumes included, so nothing of it outlives the test. */
  private static void removeStack(String project, Path folder, Iterable<String> builtTags) {
    var label = "label=com.docker.compose.project=" + project;
    // In the block's folder: where the block used a compose file without -f, down finds it there.
    var down = run("docker compose down -v --remove-orphans --rmi local", folder, project);
    run("docker images -q --filter " + label + " | xargs -r docker image rm -f", folder, project);
    for (var tag : builtTags) {
      run("docker image rm " + tag, folder, project);
    }
    var left =
        run(
            String.join(
                "; ",
                "docker ps -aq --filter " + label,
                "docker volume ls -q --filter " + label,
                "docker network ls -q --filter " + label,
                "docker images -q --filter " + label),
            folder,
            project);
    assertThat(left.output().strip())
        .as(
            "containers, volumes, networks or images of %s left after `down`:%n%s",
            project, down.output())
        .isEmpty();
  }
}
