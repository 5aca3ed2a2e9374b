package dev.labkit.labs.githubactions;

import dev.labkit.harness.docker.DockerCli;
import dev.labkit.harness.docker.DockerEngine;
import dev.labkit.harness.docker.EngineContainer;
import dev.labkit.harness.run.EnvironmentProblem;
import dev.labkit.harness.run.LabContext;
import dev.labkit.harness.workspace.Folders;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The base images the app's Dockerfile builds FROM, put into a runner's own engine: that engine
 * reaches no registry that has them. Saved once per run session from the machine's engine to a tar,
 * which each runner loads.
 */
final class BaseImagesForRunner {

  static final List<String> NAMES = List.of("maven", "eclipse-temurin");

  /** In the home of the runner's user, who may read and then remove the copy (root owns it). */
  private static final String IN_RUNNER =
      "/home/" + EngineContainer.USER + "/labkit-base-images.tar";

  private BaseImagesForRunner() {}

  static void load(LabContext lab, EngineContainer runner) {
    var tar = saved(lab);
    var folder = tar.getParent();
    var copy =
        DockerCli.run(
            List.of("cp", tar.toString(), runner.getContainerId() + ":" + IN_RUNNER),
            folder,
            Duration.ofMinutes(3));
    var load =
        copy.succeeded()
            ? runner.exec(
                Duration.ofMinutes(5),
                "sh",
                "-c",
                "docker load -q -i " + IN_RUNNER + " && rm " + IN_RUNNER)
            : copy;
    if (!load.succeeded()) {
      throw new EnvironmentProblem(
          "Could not load the base images into the runner's engine: " + load.tail(5),
          "Free some disk space for Docker (docker system df), then run the check again.");
    }
  }

  private static Path saved(LabContext lab) {
    return lab.session().shared("base-images-for-runner", () -> save(lab));
  }

  private static Path save(LabContext lab) {
    var images = NAMES.stream().map(name -> lab.images().image(name)).toList();
    images.forEach(DockerEngine::requireImage);
    var folder = Folders.createTemp("base-images");
    lab.session().atClose(() -> Folders.delete(folder));
    var tar = folder.resolve("base-images.tar");
    var arguments = new java.util.ArrayList<>(List.of("save", "-o", tar.toString()));
    images.forEach(image -> arguments.add(image.asCanonicalNameString()));
    var result = DockerCli.run(arguments, folder, Duration.ofMinutes(5));
    if (!result.succeeded()) {
      throw new EnvironmentProblem(
          "Could not save the base images for the runner: " + result.tail(5),
          "Build them first: bash scripts/build-images.sh maven eclipse-temurin.");
    }
    // docker save writes 0600; docker cp keeps the mode, and the runner's engine is not root.
    tar.toFile().setReadable(true, false);
    return tar;
  }
}
