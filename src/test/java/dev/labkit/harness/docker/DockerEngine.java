package dev.labkit.harness.docker;

import com.github.dockerjava.api.exception.NotFoundException;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.DockerImageName;

/**
 * Whether a Docker engine answers, and whether an image is on this machine. The kit never pulls
 * during a check: a classroom or CI without a registry would hang for minutes, so a missing image
 * is a clear message pointing at the script that builds or pulls it.
 */
public final class DockerEngine {

  public static final String NOT_REACHABLE =
      "No Docker engine is reachable. Start Docker (Docker Desktop, or `sudo bash scripts/setup-docker.sh` on Linux) "
          + "and run again to get every check.";

  private static volatile Boolean available;

  private DockerEngine() {}

  /** Asks once per JVM; Testcontainers' own discovery logs are silenced in simplelogger.properties. */
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

  /** Empty when the image is present; otherwise what to do about it. */
  public static Optional<String> missingImage(DockerImageName image) {
    try {
      DockerClientFactory.lazyClient().inspectImageCmd(image.asCanonicalNameString()).exec();
      return Optional.empty();
    } catch (NotFoundException e) {
      return Optional.of(
          "The image " + image.asCanonicalNameString() + " is not on this machine. Build the offline stand-ins with "
              + "`bash scripts/build-images.sh` (no registry needed), or pull the real images with "
              + "`bash scripts/pull-images.sh` where a registry is reachable.");
    }
  }
}
