package dev.labkit.harness.docker;

import com.github.dockerjava.api.exception.NotFoundException;
import dev.labkit.harness.run.EnvironmentProblem;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.DockerImageName;

/**
 * Whether a Docker engine answers, and whether an image is on this machine. The kit never pulls
 * during a check: a classroom or CI without a registry would hang for minutes, so a missing image
 * is a clear message pointing at the script that builds or pulls it.
 */
public final class DockerEngine {

  public static final String NOT_REACHABLE = "No Docker engine is reachable.";

  public static final String START_DOCKER =
      "Start Docker (Docker Desktop, or `sudo bash scripts/setup-docker.sh` on Linux) and run again to get every check.";

  private static volatile Boolean available;

  private DockerEngine() {}

  /**
   * Asks once per JVM; Testcontainers' own discovery logs are silenced in simplelogger.properties.
   */
  public static boolean isAvailable() {
    if (available == null) {
      synchronized (DockerEngine.class) {
        if (available == null) {
          available = probe();
        }
      }
    }
    return available;
  }

  private static boolean probe() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | Error e) {
      return false;
    }
  }

  /** Whether the engine has the image (by its canonical name). */
  public static boolean hasImage(DockerImageName image) {
    try {
      DockerClientFactory.lazyClient().inspectImageCmd(image.asCanonicalNameString()).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  /** Fails with what to do when the image is not on this machine. */
  public static void requireImage(DockerImageName image) {
    if (!hasImage(image)) {
      throw new EnvironmentProblem(
          "The image " + image.asCanonicalNameString() + " is not on this machine.",
          "Build the offline stand-ins with `bash scripts/build-images.sh` (no registry needed), or pull the real "
              + "images with `bash scripts/pull-images.sh` where a registry is reachable.");
    }
  }

  /** Fails with what to do when no engine answers. */
  public static void requireEngine(String alternative) {
    if (!isAvailable()) {
      throw new EnvironmentProblem(NOT_REACHABLE, START_DOCKER + " " + alternative);
    }
  }
}
