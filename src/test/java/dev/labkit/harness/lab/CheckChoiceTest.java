package dev.labkit.harness.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CheckChoiceTest {

  private final LabManifest manifest =
      new LabManifest(
          "demo",
          "Demo",
          List.of(),
          List.of(
              new LabManifest.CheckSpec("valid", "valid", 5, List.of(), null),
              new LabManifest.CheckSpec("served", "served", 5, List.of("valid"), null),
              new LabManifest.CheckSpec("cached", "cached", 5, List.of("served"), null),
              new LabManifest.CheckSpec("limited", "limited", 5, List.of("valid"), null)),
          List.of(),
          null,
          List.of());

  @Test
  void nothingAskedMeansEveryCheckRuns() {
    assertThat(CheckChoice.parse(" , ", manifest)).isEmpty();
    assertThat(CheckChoice.parse("", manifest)).isEmpty();
  }

  @Test
  void anAskedCheckRunsWithWhatItNeedsInManifestOrder() {
    var choice = CheckChoice.parse("cached", manifest).orElseThrow();

    assertThat(choice.runs()).containsExactly("valid", "served", "cached");
    assertThat(choice.runs("limited")).isFalse();
    assertThat(choice.leftOutReason()).isEqualTo("left out by -Dlabkit.check=cached");
    assertThat(choice.announcement())
        .startsWith("only valid, served, cached (-Dlabkit.check and what it needs)")
        .contains("the full run");
  }

  @Test
  void unknownIdsAreNamedWithTheLabsChecks() {
    assertThat(CheckChoice.unknown("served,servd", manifest))
        .containsExactly(
            "'servd' is no check of demo (its checks: valid, served, cached, limited)");
  }
}
