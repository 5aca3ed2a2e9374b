package dev.labkit.harness.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.labkit.harness.lab.LabManifest.CheckSpec;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LabManifestTest {

  static LabManifest lab(CheckSpec... checks) {
    return new LabManifest("demo", "Demo", List.of(), List.of(checks), List.of(), null, List.of());
  }

  static CheckSpec check(String id, String... needs) {
    return new CheckSpec(id, id, 5, List.of(needs), null);
  }

  @Test
  void needsMustBeChecksListedBefore() {
    var manifest = lab(check("a"), check("b", "a"), check("c", "d", "b"), check("d"));

    assertThat(manifest.needsProblems())
        .containsExactly("c needs d, which the manifest lists after it");
  }

  @Test
  void aCycleHasANeedListedAfter() {
    assertThat(lab(check("a", "b"), check("b", "a")).needsProblems())
        .containsExactly("a needs b, which the manifest lists after it");
  }

  @Test
  void anUnknownNeedIsNamed() {
    assertThat(lab(check("a", "nope")).needsProblems())
        .containsExactly("a needs nope, which is no check of demo");
  }

  @Test
  void aSelectionBringsWhatItNeedsInManifestOrder() {
    var manifest = lab(check("a"), check("b", "a"), check("c"), check("d", "b"), check("e", "c"));

    assertThat(manifest.withNeeds(Set.of("d"))).containsExactly("a", "b", "d");
    assertThat(manifest.withNeeds(Set.of("e", "a"))).containsExactly("a", "c", "e");
  }

  @Test
  void theUnmetReasonIsTheNeededChecksOwnWords() {
    assertThat(
            new CheckSpec("code", "Code", 10, List.of(), "the code cannot be used yet")
                .unmetReason())
        .isEqualTo("the code cannot be used yet (see check code)");
    assertThat(check("tls").unmetReason()).isEqualTo("check tls has not passed (see check tls)");
  }
}
