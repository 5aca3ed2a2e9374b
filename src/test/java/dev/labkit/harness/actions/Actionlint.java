package dev.labkit.harness.actions;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.labkit.harness.docker.KitContainers;
import dev.labkit.harness.docker.OneShot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * rhysd/actionlint run on a repository's {@code .github/workflows}: syntax, expressions, job
 * references, reusable-workflow calls, and shellcheck on every {@code run:} script. Its findings
 * come back as they are, with file, line and column.
 */
public final class Actionlint {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REPO = "/repo";
  private static final Duration LIMIT = Duration.ofSeconds(60);

  /** One finding; {@code kind} names actionlint's rule (syntax-check, expression, shellcheck…). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Finding(
      String message,
      @JsonProperty("filepath") String file,
      int line,
      int column,
      String kind,
      String snippet) {}

  private Actionlint() {}

  /**
   * Lints the workflows under {@code repository}. Throws when actionlint itself could not run; a
   * clean repository gives an empty list.
   */
  public static List<Finding> lint(DockerImageName image, Path repository) {
    var container =
        KitContainers.label(new GenericContainer<>(image))
            .withCopyToContainer(
                MountableFile.forHostPath(repository.resolve(".github"), 0755), REPO + "/.github")
            // actionlint looks for the repository's root by its .git folder.
            .withCopyToContainer(
                Transferable.of("ref: refs/heads/main\n".getBytes(StandardCharsets.UTF_8), 0644),
                REPO + "/.git/HEAD")
            .withWorkingDirectory(REPO)
            .withCommand("-no-color", "-format", "{{json .}}");
    var result = OneShot.run(container, LIMIT);
    var output = result.output().strip();
    int start = output.indexOf('[');
    if (start < 0) {
      throw new IllegalStateException("actionlint printed no findings list: " + output);
    }
    try {
      return List.of(JSON.readValue(output.substring(start), Finding[].class));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("actionlint's output is not its JSON list: " + output, e);
    }
  }
}
