package dev.labkit.harness.sandbox;

import dev.labkit.harness.workspace.Folders;
import dev.labkit.sandbox.SandboxHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Everything a sandbox sees, in one folder it gets read-only: {@code kit/} (the sandbox host and
 * the lab's handler, nothing else of the kit), {@code lib/} (the libraries the lab allows, and JSON
 * for the host) and {@code learner/} (the learner's compiled classes). Deleted on close.
 */
final class SandboxContents implements AutoCloseable {

  static final String KIT = "kit";
  static final String LIBRARIES = "lib";
  static final String LEARNER = "learner";

  private final Path root;

  private SandboxContents(Path root) {
    this.root = root;
  }

  static SandboxContents stage(SandboxSpec spec, Path learnerClasses) {
    var root = Folders.createTemp("sandbox-" + spec.purpose());
    try {
      for (var type : List.of(SandboxHost.class, spec.handler())) {
        copyPackage(type, root.resolve(KIT));
      }
      var libraries = Files.createDirectories(root.resolve(LIBRARIES));
      for (var jar : spec.libraries().and(LearnerLibraries.HOST).jars()) {
        Files.copy(jar, libraries.resolve(jar.getFileName()));
      }
      Folders.copy(learnerClasses, root.resolve(LEARNER));
      // The container runs as nobody: it must read what it is given, and write none of it.
      makeReadableByAll(root);
      return new SandboxContents(root);
    } catch (IOException e) {
      Folders.delete(root);
      throw new UncheckedIOException(e);
    }
  }

  Path root() {
    return root;
  }

  /** The class path, for a JVM that sees this folder at {@code mountedAt}. */
  String classPath(Path mountedAt, String separator) {
    return String.join(
        separator,
        mountedAt.resolve(KIT).toString(),
        mountedAt.resolve(LEARNER).toString(),
        mountedAt.resolve(LIBRARIES) + "/*");
  }

  /** Copies the class files of {@code type}'s package (nested classes too, not sub-packages). */
  private static void copyPackage(Class<?> type, Path kit) throws IOException {
    Path classes;
    try {
      classes = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    if (!Files.isDirectory(classes)) {
      throw new IllegalStateException(
          "the sandbox host is shipped from compiled classes, not from " + classes);
    }
    var folder = type.getPackageName().replace('.', '/');
    var target = Files.createDirectories(kit.resolve(folder));
    try (Stream<Path> files = Files.list(classes.resolve(folder))) {
      for (var file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        Files.copy(file, target.resolve(file.getFileName()));
      }
    }
  }

  private static void makeReadableByAll(Path root) throws IOException {
    var folders = PosixFilePermissions.fromString("rwxr-xr-x");
    var files = PosixFilePermissions.fromString("rw-r--r--");
    var paths = new ArrayList<Path>();
    try (Stream<Path> walk = Files.walk(root)) {
      walk.forEach(paths::add);
    }
    for (var path : paths) {
      Files.setPosixFilePermissions(path, Files.isDirectory(path) ? folders : files);
    }
  }

  @Override
  public void close() {
    Folders.delete(root);
  }
}
