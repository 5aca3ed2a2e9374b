package dev.labkit.selftest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.labkit.harness.docker.BuildLimits;
import dev.labkit.harness.docker.ImageBuild;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * A fork bomb in a learner's RUN is contained: under the limit scripts/limit-builds.sh puts on the
 * engine's RUN steps, forks start failing at the limit, the build fails (by the kit's time limit or
 * because the step's own shell cannot fork), and none of its processes outlive it. Isolated,
 * because every build on the engine shares that limit while the bomb holds it; skipped where builds
 * are not limited, since the bomb would then take the machine down.
 */
@Isolated
class ForkBombBuildIT {

  @TempDir Path context;

  @Test
  void aForkBombInARunStopsAtTheLimitAndDiesWithTheBuild() throws Exception {
    assumeTrue(
        BuildLimits.processLimit().isPresent(),
        "builds on this machine have no process limit (run sudo bash scripts/limit-builds.sh)");
    Files.writeString(
        context.resolve("Dockerfile"),
        "FROM labkit/debian:trixie\n"
            // A fresh cache key every time, so BuildKit runs the step instead of reusing it.
            + "RUN echo "
            + System.nanoTime()
            + " && bomb() { bomb | bomb & }; bomb; sleep 600\n");

    var build =
        ImageBuild.run(
            context,
            ImageBuild.Options.of("labkit-selftest/fork-bomb:1").withLimit(Duration.ofSeconds(45)));

    // Whether the kit's time limit ends the build, or the step's shell gives up first because even
    // its own `sleep` cannot fork, is a race; either way the build fails and the limit held.
    assertThat(build.succeeded()).isFalse();
    // The limit held: dash says "Cannot fork", bash "Resource temporarily unavailable".
    assertThat(build.cli().output())
        .containsAnyOf("Cannot fork", "Resource temporarily unavailable");
    await("the fork bomb's processes to end with its cancelled build")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> BuildLimits.processesNow().orElse(0L) == 0L);
  }
}
