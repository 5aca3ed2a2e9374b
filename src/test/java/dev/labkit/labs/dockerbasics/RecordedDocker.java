package dev.labkit.labs.dockerbasics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.labkit.harness.docker.Dockerfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What Docker said about small images shaped like a learner's and about the lab's compose files,
 * recorded by {@code src/test/resources/docker-basics/record.sh}, for the rule tests.
 */
final class RecordedDocker {

  private static final Path FOLDER = Path.of("src/test/resources/docker-basics");

  private RecordedDocker() {}

  static String text(String file) {
    try {
      return Files.readString(FOLDER.resolve(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String file) {
    try {
      return new ObjectMapper().readTree(text(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code docker compose config --format json} of a compose file (solution, starter, a mistake).
   */
  static JsonNode composeModel(String name) {
    return json(name + ".compose.json");
  }

  /** {@code docker image inspect} of the recorded image "good" or "bad". */
  static ImageConfig image(String name) {
    return ImageConfig.of(json("image-" + name + ".inspect.json").get(0));
  }

  static List<String> history(String name) {
    return List.of(text("image-" + name + ".history.txt").split("\n"));
  }

  /** {@code docker top -o pid,uid,args}: columns split on runs of spaces, the last one whole. */
  static List<ContainerProcess> top(String file) {
    var lines = text(file).lines().toList();
    var titles = Arrays.asList(lines.get(0).trim().split("\\s{2,}"));
    var rows = lines.stream().skip(1).map(line -> line.trim().split("\\s{2,}", 3)).toList();
    return ContainerProcess.of(titles, rows);
  }

  /**
   * A Dockerfile of the lab's own cases, under .meta/ (solution/app/Dockerfile,
   * mistakes/x/app/Dockerfile).
   */
  static Dockerfile labDockerfile(String path) {
    try {
      return Dockerfile.parse(Files.readString(Path.of("labs/docker-basics/.meta").resolve(path)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
