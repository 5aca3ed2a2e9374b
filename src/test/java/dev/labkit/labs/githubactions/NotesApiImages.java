package dev.labkit.labs.githubactions;

import dev.labkit.harness.docker.DockerCli;
import dev.labkit.harness.docker.ImageBuild;
import dev.labkit.harness.docker.KitContainers;
import dev.labkit.harness.run.EnvironmentProblem;
import dev.labkit.harness.run.LabContext;
import dev.labkit.harness.run.RunSession;
import dev.labkit.harness.workspace.Folders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.testcontainers.DockerClientFactory;

/**
 * Three versions of the kit's notes API, built once per run session on the machine's engine, for
 * feeding the learner's deploy script: two good ones that differ (so a replacement shows), and one
 * that never answers /health. Removed when the session closes.
 */
record NotesApiImages(String first, String second, String broken) {

  static NotesApiImages get(LabContext lab) {
    return lab.session().shared("notes-api-images", () -> build(lab.session(), lab.kitRoot()));
  }

  private static NotesApiImages build(RunSession session, Path kitRoot) {
    var prefix = "labkit-kit/notes-api:" + session.runId();
    var images = new NotesApiImages(prefix + "-1", prefix + "-2", prefix + "-broken");
    session.atClose(
        () ->
            // the derived images first: they are built FROM the first
            List.of(images.broken, images.second, images.first)
                .forEach(
                    tag ->
                        KitContainers.removeImageQuietly(DockerClientFactory.lazyClient(), tag)));
    var context = Folders.createTemp("notes-api-image");
    try {
      KitApp.copyTo(kitRoot, context);
      build(context, images.first, Duration.ofMinutes(10));
      // The same app in a new image: what a second commit ships.
      derive(images.first, images.second, "LABEL dev.labkit.notes-version=2\n");
      // Starts, but never listens: its /health never answers.
      derive(images.first, images.broken, "CMD [\"sleep\", \"infinity\"]\n");
      return images;
    } finally {
      Folders.delete(context);
    }
  }

  private static void derive(String from, String tag, String instructions) {
    var context = Folders.createTemp("notes-api-variant");
    try {
      Files.writeString(context.resolve("Dockerfile"), "FROM " + from + "\n" + instructions);
      build(context, tag, Duration.ofMinutes(2));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      Folders.delete(context);
    }
  }

  private static void build(Path context, String tag, Duration limit) {
    var result = ImageBuild.run(context, ImageBuild.Options.of(tag).withLimit(limit));
    if (!result.succeeded()) {
      throw new EnvironmentProblem(
          "The kit could not build the notes API image it deploys: " + result.cli().tail(15),
          "The build downloads Maven dependencies: check this machine's network to Maven Central.");
    }
  }

  /** Pushes a local image to a registry as {@code repository:tag} and drops the extra tag. */
  static void push(String image, String registry, String repositoryAndTag) {
    var target = registry + "/" + repositoryAndTag;
    var folder = Path.of(System.getProperty("java.io.tmpdir"));
    try {
      for (var step : List.of(List.of("tag", image, target), List.of("push", "--quiet", target))) {
        var result = DockerCli.run(step, folder, Duration.ofMinutes(3));
        if (!result.succeeded()) {
          throw new EnvironmentProblem(
              "Could not push " + target + ": " + result.tail(5),
              "The kit's registry container stopped answering; run the check again.");
        }
      }
    } finally {
      DockerCli.run(List.of("rmi", target), folder, Duration.ofSeconds(30));
    }
  }
}
