package dev.labkit.harness.compose;

import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.yaml.YamlNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The files a compose file makes Compose read by itself, checked before Compose runs at all. {@code
 * docker compose config} reads every {@code env_file} into the services' environment, reads {@code
 * extends.file} and {@code include} targets as compose files, and quotes what it read in its errors
 * (Compose 2.26, measured with strace: {@code --no-interpolate} skips the env files but not the
 * compose files, and loses the interpolated values the policy judges; no other flag changes what it
 * reads); on a grading machine {@code env_file: /etc/shadow} would put the host's secrets into the
 * report. So every path under a key named {@code env_file}, {@code label_file}, {@code extends} or
 * {@code include}, anywhere in the file (anchors, aliases and merge keys followed), must be
 * relative, free of {@code $} interpolation, and stay inside the project folder, read both from the
 * folder of the file that names it and from the project folder; the compose files it names inside
 * the project are checked the same way.
 */
public final class ComposeFileReads {

  /** What was found: problems, and the files Compose will read besides the compose file. */
  public record Result(List<Problem> problems, Set<Path> files) {}

  /** Files larger than this are not read here (the kit copies nothing larger into a project). */
  private static final long MAX_BYTES = 1024 * 1024;

  /** At most this many compose files are followed through extends and include. */
  private static final int MAX_FILES = 20;

  private static final Set<String> KEYS = Set.of("env_file", "label_file", "extends", "include");

  /** Scalars under these keys of an env_file entry are settings, not paths. */
  private static final Set<String> NOT_PATHS = Set.of("required", "format");

  private static final Pattern WINDOWS_ABSOLUTE = Pattern.compile("^([A-Za-z]:)?[\\\\/].*");

  private final Path project;
  private final List<Problem> problems = new ArrayList<>();
  private final Set<Path> files = new LinkedHashSet<>();
  private final ArrayDeque<Path> composeFiles = new ArrayDeque<>();
  private final Set<Path> composeFilesSeen = new HashSet<>();
  private boolean tooManyFiles;

  private ComposeFileReads(Path project) {
    this.project = project;
  }

  /**
   * Checks {@code composeFile} (relative to {@code project}) and the compose files it names inside
   * the project. Reads nothing outside {@code project}.
   */
  public static Result check(Path project, String composeFile) {
    Path root;
    try {
      root = project.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var reads = new ComposeFileReads(root);
    reads.follow(root.resolve(composeFile).normalize());
    while (!reads.composeFiles.isEmpty()) {
      reads.checkFile(reads.composeFiles.poll());
    }
    return new Result(List.copyOf(reads.problems), Set.copyOf(reads.files));
  }

  /** Queues a compose file to check; past {@link #MAX_FILES}, refuses the lot instead. */
  private void follow(Path composeFile) {
    if (tooManyFiles || !composeFilesSeen.add(composeFile)) {
      return;
    }
    if (composeFilesSeen.size() > MAX_FILES) {
      tooManyFiles = true;
      composeFiles.clear();
      problems.add(
          Problem.in(
                  project.relativize(composeFile).toString(),
                  "more compose files than the kit checks, through extends and include")
              .expected("at most " + MAX_FILES + " compose files"));
      return;
    }
    composeFiles.add(composeFile);
  }

  private void checkFile(Path file) {
    var name = project.relativize(file).toString().replace('\\', '/');
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return; // missing: Compose says so itself, and reads nothing
    }
    String text;
    try {
      if (Files.size(file) > MAX_BYTES) {
        problems.add(
            Problem.in(name, "the file is too large for the kit to check")
                .expected("at most " + MAX_BYTES / 1024 + " KiB"));
        return;
      }
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
              .toString();
    } catch (CharacterCodingException e) {
      problems.add(Problem.in(name, "the file is not UTF-8 text"));
      return;
    } catch (IOException e) {
      problems.add(Problem.in(name, "cannot read the file: " + e.getMessage()));
      return;
    }
    YamlNode root;
    try {
      root = YamlNode.parse(text);
    } catch (YamlNode.YamlSyntaxError e) {
      problems.add(
          Problem.in(name, "the file is not valid YAML: " + e.getMessage())
              .at(e.line(), e.column())
              .hint(
                  "Compose files are YAML: mind the indentation (spaces only) and the keys' spelling."));
      return;
    }
    walk(root, name, file.getParent(), new HashSet<>());
  }

  private void walk(YamlNode node, String file, Path folder, Set<YamlNode> seen) {
    if (!seen.add(node)) {
      return;
    }
    for (var entry : node.entries()) {
      var key = entry.getKey();
      var value = entry.getValue();
      if (KEYS.contains(key)) {
        checkReference(key, value, file, folder);
      }
      // Every scalar under include, env_file and label_file is a path, checked just now.
      if (!KEYS.contains(key) || key.equals("extends")) {
        walk(value, file, folder, seen);
      }
    }
    for (var item : node.items()) {
      walk(item, file, folder, seen);
    }
  }

  /** The paths under one key: checked, remembered, and compose files among them followed. */
  private void checkReference(String key, YamlNode value, String file, Path folder) {
    switch (key) {
      case "extends" -> {
        // extends: service (same file) names no file; extends: {file, service} does.
        if (value.isMap() && value.has("file")) {
          checkPath(key, value.get("file"), file, folder).ifPresent(this::follow);
        }
      }
      case "include" -> {
        for (var path : paths(value, Set.of())) {
          var resolved = checkPath(key, path, file, folder);
          // The files an include entry loads (path, or a plain item); env files are only read.
          if (isIncludedFile(value, path)) {
            resolved.ifPresent(this::follow);
          }
        }
      }
      default -> paths(value, NOT_PATHS).forEach(path -> checkPath(key, path, file, folder));
    }
  }

  private static boolean isIncludedFile(YamlNode include, YamlNode path) {
    var items = include.isList() ? include.items() : List.of(include);
    for (var item : items) {
      if (item.equals(path)) {
        return true;
      }
      if (item.isMap()) {
        var named = item.get("path");
        if (named.equals(path) || named.items().contains(path)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Every scalar at or below {@code node} (each once), except values of the keys {@code skipped}.
   */
  private static List<YamlNode> paths(YamlNode node, Set<String> skipped) {
    var found = new ArrayList<YamlNode>();
    collect(node, skipped, new HashSet<>(), found);
    return found;
  }

  private static void collect(
      YamlNode node, Set<String> skipped, Set<YamlNode> seen, List<YamlNode> found) {
    if (!seen.add(node)) {
      return;
    }
    if (node.isScalar()) {
      found.add(node);
    }
    node.items().forEach(item -> collect(item, skipped, seen, found));
    node.entries().stream()
        .filter(entry -> !skipped.contains(entry.getKey()))
        .forEach(entry -> collect(entry.getValue(), skipped, seen, found));
  }

  /** The path a scalar names, when it is safe for Compose to read; a problem otherwise. */
  private Optional<Path> checkPath(String key, YamlNode path, String file, Path folder) {
    var text = path.text();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String reason = null;
    if (text.contains("$")) {
      reason = "is filled in by Compose from the grading machine's environment (${…})";
    } else if (text.startsWith("~") || WINDOWS_ABSOLUTE.matcher(text).matches()) {
      reason = "is an absolute path, outside the lab folder";
    }
    Path resolved = null;
    if (reason == null) {
      resolved = folder.resolve(text).normalize();
      if (!resolved.startsWith(project) || !project.resolve(text).normalize().startsWith(project)) {
        reason = "leaves the lab folder";
      } else if (hasLink(resolved)) {
        reason = "goes through a link";
      }
    }
    if (reason != null) {
      problems.add(refused(key, text, reason, file, path.line()));
      return Optional.empty();
    }
    files.add(resolved);
    return Optional.of(resolved);
  }

  /**
   * Whether a link lies on the way from the project folder to {@code path} (as far as it exists).
   */
  private boolean hasLink(Path path) {
    var current = project;
    for (var part : project.relativize(path)) {
      current = current.resolve(part);
      if (Files.isSymbolicLink(current)) {
        return true;
      }
      if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
        return false;
      }
    }
    return false;
  }

  private static Problem refused(
      String key, String text, String reason, String file, Integer line) {
    boolean composeFile = key.equals("extends") || key.equals("include");
    var what = composeFile ? "a compose file" : "a file of variables";
    return Problem.in(file, key + ": " + text + " " + reason)
        .at(line, null)
        .expected(
            "a relative path to "
                + what
                + " inside the lab folder, written out"
                + (composeFile ? "" : " (env_file: ./db.env)"))
        .actual(text)
        .hint(
            "Compose reads this file itself, on the machine that grades your work and before anything starts: "
                + (composeFile
                    ? "it becomes part of your compose file"
                    : "its lines become the containers' environment")
                + ", and Compose's errors quote it. On a machine other learners share, a path outside your lab folder "
                + "would hand out that machine's files (/etc/shadow, other learners' work), so the kit refuses it before running Compose. "
                + "Put the file inside the lab folder and name it relative to compose.yaml.");
  }
}
