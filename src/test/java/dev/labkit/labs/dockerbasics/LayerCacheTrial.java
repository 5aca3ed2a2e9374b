package dev.labkit.labs.dockerbasics;

import dev.labkit.harness.docker.ImageBuild;
import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.run.LabContext;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Whether a source change makes the learner's build download the dependencies again. Which step
 * downloads is found by building without network (it is the one that fails); then one source file
 * changes and the image is rebuilt: that step must come from the cache.
 */
final class LayerCacheTrial {

  private LayerCacheTrial() {}

  static List<Problem> run(LabContext lab, StagedLab staged, LearnerImage image) {
    // Without network, every step that downloads fails; the first such step is the dependency one.
    var offline =
        lab.console()
            .step(
                "building the image without network",
                () ->
                    ImageBuild.run(
                        staged.app(),
                        ImageBuild.Options.of(image.extraTag("offline")).withoutNetwork()));
    if (offline.succeeded()) {
      return List.of(); // nothing needs the network (a cache mount holds the dependencies)
    }
    // The failing step needs the network; steps cancelled with it may too.
    var candidates = new LinkedHashSet<String>(offline.log().interruptedRuns());
    image.failedInstruction(offline.log()).ifPresent(candidates::add);
    Assumptions.assumeTrue(
        !candidates.isEmpty(),
        "the build without network failed before any step: "
            + offline.log().error().orElse(offline.cli().tail(3)));
    // BuildKit shows a step that another, concurrent build is computing as run, not cached (it
    // shares the work). A step that really reruns does so on every source change, so a rerun
    // must show twice in a row before it counts.
    Optional<String> reranStep = Optional.of("");
    for (int attempt = 1; attempt <= 2 && reranStep.isPresent(); attempt++) {
      staged.changeOneSourceFile();
      var rebuild =
          lab.console()
              .step(
                  "rebuilding after a source change",
                  () ->
                      ImageBuild.run(
                          staged.app(), ImageBuild.Options.of(image.extraTag("rebuild"))));
      if (!rebuild.succeeded()) {
        return List.of(
            Problem.in(StagedLab.DOCKERFILE, "the image does not build again after a source change")
                .actual(rebuild.cli().tail(15)));
      }
      reranStep =
          rerun(
              rebuild.log().executed().stream()
                  .map(step -> step.position().orElseThrow().instruction())
                  .toList(),
              candidates);
    }
    return reranStep
        .map(step -> List.of(downloadsAgain(step, image.lineOfInstruction(step))))
        .orElse(List.of());
  }

  /** The first executed instruction of a rebuild that is one of the steps that need the network. */
  static Optional<String> rerun(List<String> executed, Collection<String> needNetwork) {
    return executed.stream()
        .filter(
            instruction ->
                needNetwork.stream()
                    .anyMatch(candidate -> LearnerImage.sameInstruction(candidate, instruction)))
        .findFirst();
  }

  static Problem downloadsAgain(String instruction, Optional<Integer> line) {
    return Problem.in(
            StagedLab.DOCKERFILE,
            "changing one source file makes the build download the dependencies again")
        .at(line.orElse(null), null)
        .expected(
            "after editing "
                + StagedLab.CHANGED_SOURCE.substring(4)
                + ", the step that downloads comes from the cache")
        .actual(instruction + " ran again (it needs the network: it failed in a build without it)")
        .hint(
            "A step reruns when anything COPY'd before it changed. Copy pom.xml alone, download (mvn dependency:go-offline), then COPY src and package; or give the Maven step a cache mount (RUN --mount=type=cache,target=/root/.m2).");
  }
}
