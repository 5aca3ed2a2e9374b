package dev.labkit.harness.run;

import dev.labkit.harness.docker.DockerEngine;
import dev.labkit.harness.lab.Check;
import dev.labkit.harness.lab.Lab;

/**
 * The fixture kit's lab ({@code src/test/resources/fixture-kit}) for a machine that lacks what a
 * check needs, for {@link LabRunTest}. Run only through that test (no lab pattern matches it).
 */
@Lab("fixture-machine")
class FixtureMachineLab {

  @Check("config-valid")
  void configValid() {
    throw new EnvironmentProblem(DockerEngine.NOT_REACHABLE, DockerEngine.START_DOCKER);
  }

  @Check("builds-on-config")
  void buildsOnConfig() {
    throw new AssertionError("never runs: the harness skips it, since config-valid did not pass");
  }
}
