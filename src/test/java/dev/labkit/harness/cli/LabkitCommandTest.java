package dev.labkit.harness.cli;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.labkit.harness.lab.LabCatalog;
import dev.labkit.harness.run.KitRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabkitCommandTest {

  final LabCatalog catalog = new LabCatalog(KitRoot.locate());

  @Test
  void anUnknownLabListsTheValidOnesWithTheirCommands() {
    assertThatThrownBy(
            () -> LabkitCommand.validate(KitRoot.locate(), catalog, "presigned-urls", ""))
        .hasMessageContaining("There is no lab 'presigned-urls'")
        .hasMessageContaining("mvn verify -Dlab=presigned-url");
  }

  @Test
  void aMissingWorkspaceIsNamed() {
    assertThatThrownBy(
            () ->
                LabkitCommand.validate(
                    KitRoot.locate(), catalog, "presigned-url", "submissions/nobody"))
        .hasMessageContaining("The folder to check does not exist")
        .hasMessageContaining("submissions/nobody");
  }

  @Test
  void aKnownLabAndFolderPass() {
    assertThatCode(
            () ->
                LabkitCommand.validate(
                    KitRoot.locate(), catalog, "presigned-url", "labs/presigned-url/solution"))
        .doesNotThrowAnyException();
  }

  @Test
  void aSubmissionThatLinksToTheKitsSolutionIsRefusedBeforeAnyCheck(@TempDir Path submissions)
      throws Exception {
    var link =
        Files.createSymbolicLink(
            submissions.resolve("mallory"),
            KitRoot.locate().resolve("labs/presigned-url/solution"));

    assertThatThrownBy(
            () ->
                LabkitCommand.validate(KitRoot.locate(), catalog, "presigned-url", link.toString()))
        .hasMessageContaining("The folder to check is a symbolic link: " + link);
  }
}
