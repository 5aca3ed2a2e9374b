package dev.labkit.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.labkit.harness.actions.Actionlint;
import dev.labkit.harness.images.ImageCatalog;
import dev.labkit.harness.run.KitRoot;
import dev.labkit.harness.run.LabSettings;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The kit's reusable grading workflow and the example course repository that calls it pass
 * actionlint (syntax, expressions, inputs and outputs of the call, shellcheck of every script).
 */
class GradingWorkflowsIT {

  @ParameterizedTest
  @ValueSource(strings = {".", "examples/course-repository"})
  void actionlintFindsNothing(String repository) {
    var root = KitRoot.locate();
    var image =
        ImageCatalog.load(root, new LabSettings(key -> Optional.empty())).image("actionlint");

    var findings = Actionlint.lint(image, root.resolve(Path.of(repository)));

    assertThat(findings).as("actionlint on %s/.github/workflows", repository).isEmpty();
  }
}
