package dev.labkit.harness.run;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The kit's top folder (the one with {@code pom.xml}, {@code labs/} and {@code images/}). Maven
 * passes it as {@code labkit.root}; from an IDE it is found by walking up from the working folder.
 */
public final class KitRoot {

  private KitRoot() {}

  public static Path locate() {
    var configured = System.getProperty("labkit.root");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    var folder = Path.of("").toAbsolutePath();
    for (var candidate = folder; candidate != null; candidate = candidate.getParent()) {
      if (Files.isDirectory(candidate.resolve("labs"))
          && Files.isRegularFile(candidate.resolve("images/catalog.properties"))) {
        return candidate;
      }
    }
    return folder;
  }
}
