package dev.labkit.harness.lab;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The labs of this kit: every {@code labs/<id>/lab.yaml} below the kit's root folder. */
public final class LabCatalog {

  public static final String MANIFEST = "lab.yaml";

  /**
   * The kit's own folder inside a lab, out of the learner's way (as Exercism's {@code .meta/}): the
   * reference solution, the alternatives and the mistakes the selftest grades. A learner's copy of
   * the lab may hold it; it is never graded, hashed or staged.
   */
  public static final String KIT_OWN = ".meta";

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Path labsFolder;

  public LabCatalog(Path kitRoot) {
    this.labsFolder = kitRoot.resolve("labs");
  }

  public List<String> ids() {
    if (!Files.isDirectory(labsFolder)) {
      return List.of();
    }
    try (Stream<Path> folders = Files.list(labsFolder)) {
      return folders
          .filter(folder -> Files.isRegularFile(folder.resolve(MANIFEST)))
          .map(folder -> folder.getFileName().toString())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path folder(String labId) {
    return labsFolder.resolve(labId);
  }

  /** The lab's {@link #KIT_OWN} folder: {@code labs/<id>/.meta}. */
  public Path kitOwnFolder(String labId) {
    return folder(labId).resolve(KIT_OWN);
  }

  public Optional<LabManifest> find(String labId) {
    return ids().contains(labId) ? Optional.of(load(labId)) : Optional.empty();
  }

  public LabManifest load(String labId) {
    var file = folder(labId).resolve(MANIFEST);
    try {
      var manifest = YAML.readValue(file.toFile(), LabManifest.class);
      if (!labId.equals(manifest.id())) {
        throw new IllegalStateException(
            file + " says id '" + manifest.id() + "'; the folder is '" + labId + "'");
      }
      var needs = manifest.needsProblems();
      if (!needs.isEmpty()) {
        throw new IllegalStateException(file + ": " + String.join("; ", needs));
      }
      return manifest;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
