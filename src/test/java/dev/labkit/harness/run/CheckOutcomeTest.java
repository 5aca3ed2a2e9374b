package dev.labkit.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.labkit.harness.feedback.CheckFailure;
import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.report.CheckStatus;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class CheckOutcomeTest {

  @Test
  void aCheckFailureIsFailedWithEveryProblem() {
    var problems = List.of(Problem.in("a.json", "one"), Problem.in("b.json", "two").at(2, null));
    var outcome = CheckOutcome.from(new CheckFailure(problems), 5);
    assertThat(outcome.status()).isEqualTo(CheckStatus.FAILED);
    assertThat(outcome.problems()).isEqualTo(problems);
    assertThat(outcome.message()).isEqualTo("2 problems:\n1) a.json: one\n2) b.json:2: two");
  }

  @Test
  void anAbortIsASkipWithItsReason() {
    var outcome = CheckOutcome.from(new TestAbortedException("no CORS here"), 0);
    assertThat(outcome.status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(outcome.message()).isEqualTo("no CORS here");
  }

  @Test
  void anEnvironmentProblemIsAnErrorWithItsOwnHint() {
    var outcome =
        CheckOutcome.from(
            new EnvironmentProblem("No Docker engine is reachable.", "Start Docker."), 0);
    assertThat(outcome.status()).isEqualTo(CheckStatus.ERROR);
    assertThat(outcome.message())
        .isEqualTo("No Docker engine is reachable.\n    hint:     Start Docker.");
  }

  @Test
  void anyOtherExceptionIsAnErrorOfTheKitInOneLine() {
    var outcome =
        CheckOutcome.from(new IllegalStateException("boom", new RuntimeException("root")), 0);
    assertThat(outcome.status()).isEqualTo(CheckStatus.ERROR);
    assertThat(outcome.message())
        .startsWith("IllegalStateException: boom (caused by RuntimeException: root)");
    assertThat(outcome.problems().get(0).hint()).isEqualTo(CheckOutcome.KIT_ERROR_HINT);
  }

  @Test
  void withoutHintsKeepsWhatWasExpectedAndSeen() {
    var failure =
        new CheckFailure(
            List.of(
                Problem.in("a.yml", "wrong").expected("right").actual("wrong").hint("do this")));

    var bare = CheckOutcome.from(failure, 5).withoutHints();

    Assertions.assertThat(bare.message()).contains("expected: right").doesNotContain("do this");
    Assertions.assertThat(bare.problems().get(0).hint()).isNull();
  }

  @Test
  void theExampleIsShownOnlyWhenAskedForAndNeverWhenGrading() {
    var failure =
        new CheckFailure(
            List.of(
                Problem.in("rules.yml", "no rule")
                    .hint("a recording rule stores a query's result")
                    .example("- record: x\n  expr: y"),
                Problem.in("rules.yml", "other").hint("plain hint")));
    var full = CheckOutcome.from(failure, 5);

    var taught = full.withoutExamples();
    var graded = full.withoutHints();

    assertThat(full.message()).contains("example:", "- record: x");
    assertThat(taught.message())
        .contains("a recording rule stores a query's result (-Dlabkit.hints=full shows")
        .contains("plain hint")
        .doesNotContain("- record: x");
    assertThat(taught.problems().get(1).hint()).isEqualTo("plain hint");
    assertThat(graded.message()).doesNotContain("record", "plain hint");
  }

  @Test
  void aLearnersTextCannotForgeAWorkflowCommandOrDriveTheTerminal() {
    var hostile = "x\r::error file=README.md::forged\u001b[2J";
    var shown = "x\\r::error file=README.md::forged\\u001b[2J";
    var failure =
        new CheckFailure(
            List.of(
                Problem.in("src/\u202eA.java", "threw " + hostile)
                    .expected(hostile)
                    .actual("line one\n" + hostile)
                    .hint(hostile)));

    var outcome = CheckOutcome.from(failure, 1);

    var problem = outcome.problems().get(0);
    assertThat(problem.file()).isEqualTo("src/\\u202eA.java");
    assertThat(problem.message()).isEqualTo("threw " + shown);
    assertThat(problem.expected()).isEqualTo(shown);
    assertThat(problem.actual()).isEqualTo("line one\n" + shown);
    assertThat(problem.hint()).isEqualTo(shown);
    assertThat(outcome.message()).isEqualTo(problem.describe()).doesNotContain("\r", "\u001b");
    assertThat(outcome.withoutHints().message()).doesNotContain("\r", "\u001b");
  }

  @Test
  void everyWayAnOutcomeIsMadeEscapesTheText() {
    var hostile = "boom\r::add-mask::points\u009b31m";
    var outcomes =
        List.of(
            CheckOutcome.from(new RuntimeException(hostile), 0),
            CheckOutcome.from(new AssertionError(hostile), 0),
            CheckOutcome.from(new TestAbortedException(hostile), 0),
            CheckOutcome.from(new EnvironmentProblem(hostile, hostile), 0),
            new CheckOutcome(CheckStatus.SKIPPED, hostile, List.of(), 0));

    for (var outcome : outcomes) {
      assertThat(outcome.message()).as(outcome.status().label()).doesNotContain("\r", "\u009b");
      for (var problem : outcome.problems()) {
        assertThat(problem.describe()).doesNotContain("\r", "\u009b");
      }
    }
  }
}
