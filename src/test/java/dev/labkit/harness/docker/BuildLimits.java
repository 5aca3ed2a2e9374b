package dev.labkit.harness.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The shared limit {@code scripts/limit-builds.sh} puts on every BuildKit RUN step of a local
 * engine, as this machine's cgroup files show it (cgroup v1, then v2). Absent on a remote engine,
 * on Docker Desktop and wherever the script did not run.
 */
public final class BuildLimits {

  private static final List<Path> FOLDERS =
      List.of(
          Path.of("/sys/fs/cgroup/pids/docker/buildkit"),
          Path.of("/sys/fs/cgroup/docker/buildkit"));

  private BuildLimits() {}

  /** How many processes (threads included) all RUN steps may have together, when limited. */
  public static Optional<Long> processLimit() {
    return readNumber("pids.max");
  }

  /** How many processes RUN steps have right now (0 when no build runs). */
  public static Optional<Long> processesNow() {
    return readNumber("pids.current");
  }

  /** The file's number; empty where it is missing or says "max" (no limit). */
  private static Optional<Long> readNumber(String file) {
    for (var folder : FOLDERS) {
      try {
        var value = Files.readString(folder.resolve(file)).strip();
        return value.matches("[0-9]+") ? Optional.of(Long.parseLong(value)) : Optional.empty();
      } catch (IOException | SecurityException notHere) {
        // the next layout, or no limit on this machine
      }
    }
    return Optional.empty();
  }
}
