package dev.labkit.labs.dockerbasics;

import dev.labkit.harness.docker.ImageBuild;
import dev.labkit.harness.feedback.Feedback;
import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.run.LabContext;
import dev.labkit.harness.workspace.Folders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The build context as the builder receives it, after app/.dockerignore: the files a real
 * developer's folder holds and an image must not (.env, .git, target/, planted by {@link
 * StagedLab}) must not be in it.
 */
final class BuildContext {

  /** The planted files, not their folders: target/* leaves an empty target/ and is right. */
  private static final Map<String, String> PLANTED =
      Map.of(".env", ".env", ".git", ".git/HEAD", "target", "target/notes-api.jar");

  private BuildContext() {}

  /**
   * Sends the staged app/ to the builder as a build context and exports what arrived into a folder
   * (removed when the run ends).
   */
  static Path asSent(LabContext lab, StagedLab staged, LearnerImage image) {
    try {
      var probe = Files.createTempDirectory("labkit-context-probe-");
      lab.closeAtEnd(() -> Folders.delete(probe));
      var dockerfile = probe.resolve("probe.Dockerfile");
      Files.writeString(dockerfile, "FROM scratch\nCOPY . /\n");
      var out = probe.resolve("context");
      var result =
          ImageBuild.run(
              staged.app(),
              ImageBuild.Options.of(image.extraTag("context")).exportingWith(dockerfile, out));
      if (!result.succeeded()) {
        throw new IllegalStateException(
            "could not list the build context: " + result.cli().tail(5));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Judges the context as sent; {@code hasDockerignore}: whether app/.dockerignore exists, {@code
   * leaked}: the image's files that hold the fake secret of app/.env.
   */
  static List<Problem> judge(Path context, boolean hasDockerignore, List<String> leaked) {
    var feedback = new Feedback();
    for (var unwanted : List.of(".env", ".git", "target")) {
      feedback.expect(
          !Files.exists(context.resolve(PLANTED.get(unwanted))),
          () ->
              Problem.in(
                      StagedLab.DOCKERIGNORE,
                      unwanted + " is sent to the builder with the build context")
                  .expected(
                      unwanted
                          + (unwanted.equals(".env") ? "" : "/")
                          + " listed in app/.dockerignore")
                  .actual(
                      hasDockerignore
                          ? "app/.dockerignore does not exclude it"
                          : "there is no app/.dockerignore")
                  .hint(
                      "Everything in app/ that .dockerignore does not exclude is sent to the builder and can end up in a layer: "
                          + "secrets (.env), history (.git), stale builds (target/)."));
    }
    feedback.expect(
        leaked.isEmpty(),
        () ->
            Problem.in(StagedLab.DOCKERIGNORE, "the fake secret from app/.env is inside the image")
                .actual(String.join(", ", leaked))
                .hint("Exclude .env in app/.dockerignore, and COPY only what the app needs."));
    return feedback.problems();
  }
}
