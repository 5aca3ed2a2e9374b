package dev.labkit.harness.images;

import dev.labkit.harness.run.LabSettings;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.testcontainers.utility.DockerImageName;

/**
 * The one place image names and tags live: {@code images/catalog.properties}. A lab asks for an
 * image by its catalog name ("localstack"); {@code -Dlabkit.image.<name>=<image:tag>} overrides one
 * (for example a newer LocalStack with an auth token).
 */
public final class ImageCatalog {

  public static final String FILE = "images/catalog.properties";
  public static final String OVERRIDE_PREFIX = "labkit.image.";

  private final Map<String, String> pinned;
  private final LabSettings settings;

  ImageCatalog(Map<String, String> pinned, LabSettings settings) {
    this.pinned = Map.copyOf(pinned);
    this.settings = settings;
  }

  public static ImageCatalog load(Path kitRoot, LabSettings settings) {
    var properties = new Properties();
    try (Reader reader = Files.newBufferedReader(kitRoot.resolve(FILE), StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the image catalog " + kitRoot.resolve(FILE), e);
    }
    var pinned = new TreeMap<String, String>();
    properties
        .stringPropertyNames()
        .forEach(name -> pinned.put(name, properties.getProperty(name).trim()));
    return new ImageCatalog(pinned, settings);
  }

  public Map<String, String> pinned() {
    return pinned;
  }

  /** The image to run for a catalog name, after any override. */
  public DockerImageName image(String name) {
    var pin = pinned.get(name);
    if (pin == null) {
      throw new IllegalArgumentException(
          "No image named '" + name + "' in " + FILE + "; known: " + pinned.keySet());
    }
    return DockerImageName.parse(settings.get(OVERRIDE_PREFIX + name, pin));
  }

  /** True when the image is not the catalog's pin (the report says so). */
  public boolean isOverridden(String name) {
    return settings
        .get(OVERRIDE_PREFIX + name)
        .filter(value -> !value.equals(pinned.get(name)))
        .isPresent();
  }
}
