package dev.labkit.harness.sandbox;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The libraries a lab lets the learner's code use, by Maven group: the jars of those groups on the
 * kit's own class path (so their versions are the kit's). The learner's code is compiled against
 * them and runs with them, and with nothing else of the kit.
 */
public record LearnerLibraries(List<String> groups) {

  /** What the sandbox's own host needs beside the learner's libraries (JSON). */
  static final LearnerLibraries HOST = of("com.fasterxml.jackson.core");

  public static LearnerLibraries of(String... groups) {
    return new LearnerLibraries(List.of(groups));
  }

  /** The jars of these groups, found by the Maven repository layout of their paths. */
  public List<Path> jars() {
    var folders =
        groups.stream()
            .map(group -> File.separator + group.replace('.', File.separatorChar) + File.separator)
            .toList();
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> entry.endsWith(".jar"))
        .filter(entry -> folders.stream().anyMatch(entry::contains))
        .map(Path::of)
        .distinct()
        .toList();
  }

  /** These libraries and {@code other}'s. */
  public LearnerLibraries and(LearnerLibraries other) {
    var all = new ArrayList<>(groups);
    other.groups.stream().filter(group -> !all.contains(group)).forEach(all::add);
    return new LearnerLibraries(List.copyOf(all));
  }
}
