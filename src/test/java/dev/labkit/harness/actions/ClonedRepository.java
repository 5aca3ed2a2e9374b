package dev.labkit.harness.actions;

import dev.labkit.harness.docker.EngineContainer;
import java.nio.file.Path;
import java.time.Duration;
import org.testcontainers.utility.MountableFile;

/**
 * A folder put on a runner machine as a clone of GitHub would be: one commit on main, with an
 * origin remote the caller names (a github.com address). act reads github.sha, github.ref and
 * github.repository from it, and copies it for a checkout of the same repository.
 */
public final class ClonedRepository {

  private ClonedRepository() {}

  /**
   * Copies {@code folder} (file modes kept) to {@code path}, commits it with {@code origin} as its
   * remote, and returns the SHA.
   */
  public static String commit(EngineContainer machine, Path folder, String path, String origin) {
    machine.copyFileToContainer(MountableFile.forHostPath(folder), path);
    var result =
        machine.exec(
            Duration.ofSeconds(60),
            "sh",
            "-c",
            "cd "
                + path
                + " && git init -q -b main"
                + " && git add -A"
                + " && git -c user.name=labkit -c user.email=labkit@localhost commit -q -m pipeline"
                + " && git remote add origin "
                + origin
                + " && git rev-parse HEAD");
    var lines = result.output().strip().split("\n");
    var sha = lines[lines.length - 1].strip();
    if (!result.succeeded() || !sha.matches("[0-9a-f]{40}")) {
      throw new IllegalStateException("could not commit the repository: " + result.tail(5));
    }
    return sha;
  }
}
