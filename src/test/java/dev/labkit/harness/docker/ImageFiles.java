package dev.labkit.harness.docker;

import java.io.BufferedInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.testcontainers.DockerClientFactory;

/**
 * The file system of an image, read without running it (so it works for images without a shell): a
 * container is created but never started, its root is copied out as a tar stream and read once.
 */
public final class ImageFiles {

  /** One file of the image; {@code containing} is whether its content held the searched text. */
  public record Entry(
      String path, long size, boolean directory, String linkTarget, boolean containing) {}

  /** Small files are searched for the text; large ones (jars, libraries) only listed. */
  static final long SEARCHED_FILE_BYTES = 256 * 1024;

  /** An image of a few hundred MB exports in seconds; a minute means the engine is stuck. */
  static final Duration EXPORT_LIMIT = Duration.ofMinutes(1);

  private final List<Entry> entries;

  private ImageFiles(List<Entry> entries) {
    this.entries = entries;
  }

  /** Lists every file of {@code image}, noting which small files contain {@code searched}. */
  public static ImageFiles read(String image, String searched) {
    var docker = DockerClientFactory.lazyClient();
    var container =
        docker
            .createContainerCmd(image)
            .withEntrypoint("/labkit-never-started")
            .withCmd(List.of())
            .withLabels(KitContainers.labels())
            .exec()
            .getId();
    // `docker export` streams the file system through a pipe about ten times faster than the
    // engine API's archive call does through the Java client.
    var entries = new ArrayList<Entry>();
    var needle = searched.getBytes(StandardCharsets.UTF_8);
    try {
      var export =
          DockerCli.stream(
              List.of("export", container),
              Path.of(System.getProperty("java.io.tmpdir")),
              EXPORT_LIMIT,
              output -> {
                try (var tar =
                    new TarArchiveInputStream(new BufferedInputStream(output, 1 << 16))) {
                  TarArchiveEntry entry;
                  while ((entry = tar.getNextEntry()) != null) {
                    boolean containing = false;
                    if (entry.isFile() && entry.getSize() <= SEARCHED_FILE_BYTES) {
                      containing = indexOf(tar.readAllBytes(), needle) >= 0;
                    }
                    entries.add(
                        new Entry(
                            normalize(entry.getName()),
                            entry.getSize(),
                            entry.isDirectory(),
                            entry.isSymbolicLink() ? entry.getLinkName() : null,
                            containing));
                  }
                }
              });
      if (!export.succeeded()) {
        throw new IllegalStateException("docker export of " + image + " failed: " + export.tail(3));
      }
      return new ImageFiles(List.copyOf(entries));
    } finally {
      docker.removeContainerCmd(container).withForce(true).withRemoveVolumes(true).exec();
    }
  }

  public List<Entry> entries() {
    return entries;
  }

  /** Files and links whose name (last path part) is {@code name}, in a bin folder. */
  public List<String> programs(String name) {
    return entries.stream()
        .filter(entry -> !entry.directory())
        .map(Entry::path)
        .filter(path -> path.endsWith("/bin/" + name))
        .toList();
  }

  public List<String> containing() {
    return entries.stream().filter(Entry::containing).map(Entry::path).toList();
  }

  public List<String> named(String fileName) {
    return entries.stream()
        .map(Entry::path)
        .filter(path -> path.equals("/" + fileName) || path.endsWith("/" + fileName))
        .toList();
  }

  private static String normalize(String tarName) {
    var path = tarName.startsWith("./") ? tarName.substring(1) : tarName;
    path = path.startsWith("/") ? path : "/" + path;
    return path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
