package dev.labkit.labs.dockerbasics;

import dev.labkit.harness.docker.PrivateCacheMounts;
import dev.labkit.harness.feedback.Feedback;
import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.lab.LabCatalog;
import dev.labkit.harness.run.LabContext;
import dev.labkit.harness.workspace.Folders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * A private copy of the lab to build and run: the kit's notes API (pom.xml, src/) with the
 * learner's files beside it (app/Dockerfile, app/.dockerignore, compose.yaml, and whatever else the
 * workspace holds, such as a .env or an env_file for Compose). The learner's own app/pom.xml and
 * app/src/ are not copied: the app is the kit's, so a learner who "fixes" the app instead of the
 * Dockerfile is graded on the kit's code. The learner's folder is never written to.
 *
 * <p>The copy also holds what a real developer's folder holds and a build context must not: a
 * {@code .env} with a fake secret, a {@code .git} folder and a stale {@code target/} from a local
 * build. Files of the learner's own under those names are not copied. Every file goes through the
 * workspace's safe reads: no links out of it, nothing over 1 MiB. The Dockerfile's BuildKit cache
 * mounts are made private to the run ({@link PrivateCacheMounts}).
 */
final class StagedLab implements AutoCloseable {

  static final String APP = "app";
  static final String DOCKERFILE = "app/Dockerfile";
  static final String DOCKERIGNORE = "app/.dockerignore";
  static final String COMPOSE = "compose.yaml";
  static final String CHANGED_SOURCE = "app/src/main/java/dev/labkit/notes/NotesApi.java";

  /** The fake secret planted in app/.env; deterministic so identical builds share the cache. */
  static final String FAKE_SECRET = "labkit-fake-secret-7f3c1e";

  /**
   * Left out of the copy: the kit's app (the README says pom.xml and src/ are the kit's: what is
   * graded is the Dockerfile and .dockerignore over that app, never an edited app), what the kit
   * plants itself in app/, and the kit's own folders when the workspace is the lab folder.
   */
  private static final List<String> NOT_COPIED =
      List.of(
          "app/pom.xml",
          "app/src/",
          "app/target/",
          "app/.git/",
          "app/.env",
          ".git/",
          LabCatalog.KIT_OWN + "/",
          "lab.yaml",
          "README.md");

  final Path root;
  final List<Problem> problems;

  /** Names this run's BuildKit cache mounts: no other run, and no other submission, shares them. */
  final String buildRun;

  /** The learner's app/Dockerfile as text, read once; empty when it is missing or unreadable. */
  final java.util.Optional<String> dockerfile;

  private StagedLab(
      Path root, List<Problem> problems, java.util.Optional<String> dockerfile, String buildRun) {
    this.root = root;
    this.problems = problems;
    this.dockerfile = dockerfile;
    this.buildRun = buildRun;
  }

  /**
   * A copy of this staged lab for one Compose project: bind mounts in the compose file then point
   * into a folder no other project of the run uses.
   */
  StagedLab copyFor(String purpose) {
    var copy = Folders.createTemp("docker-basics-" + purpose);
    Folders.copy(root, copy);
    return new StagedLab(copy, problems, dockerfile, buildRun);
  }

  Path app() {
    return root.resolve(APP);
  }

  static StagedLab create(LabContext lab) {
    var run = java.util.UUID.randomUUID().toString().substring(0, 12);
    try {
      var root = Folders.createTemp("docker-basics");
      var kitApp = lab.kitRoot().resolve("labs").resolve(lab.manifest().id()).resolve(APP);
      Folders.copy(kitApp.resolve("pom.xml"), root.resolve("app/pom.xml"));
      Folders.copy(kitApp.resolve("src"), root.resolve("app/src"));
      var feedback = new Feedback();
      var workspace = lab.workspace();
      java.util.Optional<String> dockerfile = java.util.Optional.empty();
      for (var file : workspace.listFiles("", "")) {
        if (NOT_COPIED.stream().anyMatch(file::startsWith)) {
          continue;
        }
        var target = root.resolve(file);
        if (file.equals(DOCKERFILE)) {
          // The Dockerfile must be text: the checks read it too. What builds is the learner's text
          // with cache mounts private to this run (same lines, so feedback lines still match).
          var read = workspace.readText(file);
          read.problem().ifPresent(feedback::add);
          if (read.text().isPresent()) {
            var built = PrivateCacheMounts.of(read.text().get(), file, run);
            built.problems().forEach(feedback::add);
            // A mount the kit cannot make private is never built, by the kit or by Compose.
            if (built.problems().isEmpty()) {
              Files.writeString(target, built.text(), StandardCharsets.UTF_8);
              dockerfile = read.text();
            }
          }
        } else {
          workspace.copyFile(file, target).ifPresent(feedback::add);
        }
      }
      plantDeveloperFiles(root.resolve(APP));
      return new StagedLab(root, feedback.problems(), dockerfile, run);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void plantDeveloperFiles(Path app) throws IOException {
    Files.writeString(app.resolve(".env"), "DB_PASSWORD=" + FAKE_SECRET + "\n");
    Files.createDirectories(app.resolve(".git"));
    Files.writeString(app.resolve(".git/HEAD"), "ref: refs/heads/main\n");
    Files.writeString(app.resolve(".git/config"), "[core]\n\trepositoryformatversion = 0\n");
    Files.createDirectories(app.resolve("target"));
    Files.writeString(app.resolve("target/notes-api.jar"), "a stale jar from a local build\n");
  }

  /** Problems with one file that could not be copied, in the learner's words. */
  List<Problem> problemsWith(String file) {
    return problems.stream().filter(problem -> file.equals(problem.file())).toList();
  }

  boolean has(String file) {
    return Files.isRegularFile(root.resolve(file), LinkOption.NOFOLLOW_LINKS);
  }

  /** Edits one source file the way a developer does, uniquely per run so no cache can hold it. */
  void changeOneSourceFile() {
    try {
      Files.writeString(
          root.resolve(CHANGED_SOURCE),
          "// edited by the layer-caching check " + java.util.UUID.randomUUID() + "\n",
          StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    Folders.delete(root);
  }
}
