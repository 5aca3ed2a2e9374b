package dev.labkit.harness.compose;

import dev.labkit.harness.run.KitRoot;
import dev.labkit.harness.workspace.Folders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One compose file under {@code src/test/resources/compose/}: each case is the docker-basics
 * solution with the case's files over it (as {@code record.sh} lays it out; solution, starter,
 * other-style and the compose mistakes come from the lab), for the policy's unit tests and the
 * hostile-submission IT alike. {@code accepted/} must pass; {@code refused/} and {@code
 * refused-before-compose/} list in {@code expect} how each problem's message starts.
 */
public record ComposeCase(String group, String name) {

  public static List<ComposeCase> all(String group) {
    try (Stream<Path> folders = Files.list(root().resolve(group))) {
      return folders
          .filter(Files::isDirectory)
          .map(folder -> new ComposeCase(group, folder.getFileName().toString()))
          .sorted(Comparator.comparing(ComposeCase::name))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path root() {
    try {
      return Path.of(ComposeCase.class.getResource("/compose").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public Path folder() {
    return root().resolve(group).resolve(name);
  }

  /** The lines of {@code expect}: how the messages of the problems found must start. */
  public List<String> expected() {
    try {
      return Files.readAllLines(folder().resolve("expect")).stream()
          .filter(line -> !line.isBlank())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code docker compose config --format json} as recorded, for a project laid out in {@code
   * project}.
   */
  public String recordedConfig(Path project, Path home) {
    try {
      return Files.readString(folder().resolve("config.json"))
          .replace("@PROJECT@", project.toString())
          .replace("@HOME@", home.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Lays the case out in {@code project}: the solution, the case's files over it ({@code @OUTSIDE@}
   * in its compose.yaml replaced by {@code outside}).
   */
  public Path layOut(Path project, String outside) {
    var lab = KitRoot.locate().resolve("labs/docker-basics");
    Folders.copy(lab.resolve(".meta/solution"), project);
    var overlay =
        switch (name) {
          case "solution" -> null;
          case "starter" -> null;
          case "other-style" -> lab.resolve(".meta/alternatives/other-style");
          default ->
              group.equals("accepted")
                      && Files.isDirectory(lab.resolve(".meta/mistakes").resolve(name))
                  ? lab.resolve(".meta/mistakes").resolve(name)
                  : folder();
        };
    try {
      if (name.equals("starter")) {
        Files.copy(
            lab.resolve("compose.yaml"),
            project.resolve("compose.yaml"),
            StandardCopyOption.REPLACE_EXISTING);
      }
      if (overlay != null) {
        Folders.copy(overlay, project);
      }
      Files.deleteIfExists(project.resolve("expect"));
      Files.deleteIfExists(project.resolve("config.json"));
      var compose = project.resolve("compose.yaml");
      Files.writeString(compose, Files.readString(compose).replace("@OUTSIDE@", outside));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return project;
  }

  @Override
  public String toString() {
    return group + "/" + name;
  }
}
