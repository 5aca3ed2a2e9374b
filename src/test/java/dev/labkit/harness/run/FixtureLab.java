package dev.labkit.harness.run;

import dev.labkit.harness.feedback.CheckFailure;
import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.lab.Check;
import dev.labkit.harness.lab.Lab;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * The check class of the fixture kit's lab ({@code src/test/resources/fixture-kit}): one check of
 * each outcome, for {@link LabRunTest}. Run only through that test (no lab pattern matches it).
 */
@Lab("fixture")
class FixtureLab {

  @Check("passes")
  void passes() {}

  @Check("fails")
  void fails() {
    throw new CheckFailure(
        List.of(
            Problem.in("file.txt", "the greeting is wrong")
                .at(1, null)
                .expected("hi")
                .actual("hello")
                .hint("Say hi."),
            Problem.of("a second problem\r\u001b[31m with escapes")));
  }

  @Check("builds-on-fails")
  void buildsOnFails() {
    throw new AssertionError("never runs: the harness skips it, since fails did not pass");
  }

  @Check("errors")
  void errors() {
    throw new IllegalStateException("the kit broke");
  }

  @Check("skips")
  void skips() {
    Assumptions.abort("this machine has no such thing");
  }
}
