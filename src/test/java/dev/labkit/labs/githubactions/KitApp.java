package dev.labkit.labs.githubactions;

import dev.labkit.harness.workspace.Folders;
import java.nio.file.Path;

/**
 * The app this lab ships: the docker-basics notes API (pom.xml, src/) with the finished Dockerfile
 * and .dockerignore of the docker-basics solution.
 */
final class KitApp {

  /**
   * What the app's own tests print once they ran (its JsonTest); a build that skips them does not.
   */
  static final String TESTS_RAN = "labkit: the notes API's tests ran";

  private KitApp() {}

  /** Copies the app into {@code app}, laid out as its own folder (pom.xml at the top). */
  static void copyTo(Path kitRoot, Path app) {
    var dockerBasics = kitRoot.resolve("labs/docker-basics");
    Folders.copy(dockerBasics.resolve("app/pom.xml"), app.resolve("pom.xml"));
    Folders.copy(dockerBasics.resolve("app/src"), app.resolve("src"));
    Folders.copy(dockerBasics.resolve(".meta/solution/app/Dockerfile"), app.resolve("Dockerfile"));
    Folders.copy(
        dockerBasics.resolve(".meta/solution/app/.dockerignore"), app.resolve(".dockerignore"));
  }
}
