package dev.labkit.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.labkit.harness.actions.Actionlint;
import dev.labkit.harness.images.ImageCatalog;
import dev.labkit.harness.run.KitRoot;
import dev.labkit.harness.run.LabSettings;
import dev.labkit.harness.workspace.Folders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.testcontainers.utility.DockerImageName;

/**
 * The kit's reusable grading workflow, the example course repository that calls it, and every
 * course-side template in {@code workflows/} pass actionlint (syntax, expressions, inputs and
 * outputs of the call, shellcheck of every script).
 */
class GradingWorkflowsIT {

  private static final Path TEMPLATES = Path.of("workflows");

  static List<Path> repositories() throws IOException {
    var repositories =
        new ArrayList<>(List.of(Path.of("."), Path.of("examples/course-repository")));
    if (!templates().isEmpty()) {
      repositories.add(TEMPLATES);
    }
    return repositories;
  }

  /** workflows/*.yml and *.yaml: the templates a course copies into its repositories. */
  private static List<Path> templates() throws IOException {
    var folder = KitRoot.locate().resolve(TEMPLATES);
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(file -> file.toString().endsWith(".yml") || file.toString().endsWith(".yaml"))
          .sorted()
          .toList();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("repositories")
  void actionlintFindsNothing(Path repository) throws IOException {
    var root = KitRoot.locate();
    var image =
        ImageCatalog.load(root, new LabSettings(key -> Optional.empty())).image("actionlint");

    var findings =
        repository.equals(TEMPLATES)
            ? lintTemplates(image)
            : Actionlint.lint(image, root.resolve(repository));

    assertThat(findings).as("actionlint on %s", repository).isEmpty();
  }

  /** actionlint reads a repository's .github/workflows: the templates are laid out as one. */
  private static List<Actionlint.Finding> lintTemplates(DockerImageName image) throws IOException {
    var repository = Folders.createTemp("workflow-templates");
    try {
      var workflows = Files.createDirectories(repository.resolve(".github/workflows"));
      for (var template : templates()) {
        Files.copy(template, workflows.resolve(template.getFileName()));
      }
      return Actionlint.lint(image, repository);
    } finally {
      Folders.delete(repository);
    }
  }
}
