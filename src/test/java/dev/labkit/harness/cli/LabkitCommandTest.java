package dev.labkit.harness.cli;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.labkit.harness.lab.LabCatalog;
import dev.labkit.harness.run.KitRoot;
import org.junit.jupiter.api.Test;

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
}
