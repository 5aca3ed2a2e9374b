package dev.labkit.harness.workspace;

import dev.labkit.harness.feedback.Feedback;
import dev.labkit.harness.feedback.Problem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The folder being checked: a learner's {@code labs/<id>/}, a solution, or a student submission.
 * Every read goes through here, so no check can read outside it or choke on a bad file: missing,
 * empty, huge, non-UTF-8 files and links leaving the folder become problems, never exceptions.
 */
public final class Workspace {

  /** Larger files are refused: no lab file is anywhere near this, and a grader must stay fast. */
  public static final long MAX_FILE_BYTES = 1024 * 1024;

  private final Path root;
  private final String displayName;

  private Workspace(Path root, String displayName) {
    this.root = root;
    this.displayName = displayName;
  }

  /**
   * Opens a workspace folder.
   *
   * @param kitRoot the kit's folder: a workspace whose real path lies in it must be given as a path
   *     in it too (see {@link #refusal})
   * @throws WorkspaceMissing when the folder does not exist or is not a folder
   * @throws WorkspaceRefused when the folder may not be checked ({@link #refusal})
   */
  public static Workspace open(Path folder, String displayName, Path kitRoot) {
    if (!Files.isDirectory(folder)) {
      throw new WorkspaceMissing(
          "The folder to check does not exist: "
              + folder.toAbsolutePath().normalize()
              + ". Give an existing folder with -Dlabkit.workspace=<dir>, or leave it out to check labs/<id>/.");
    }
    refusal(folder, kitRoot)
        .ifPresent(
            reason -> {
              throw new WorkspaceRefused(reason);
            });
    try {
      return new Workspace(folder.toRealPath(), displayName);
    } catch (IOException e) {
      throw new WorkspaceMissing("Cannot open the folder " + folder + ": " + e.getMessage());
    }
  }

  /**
   * Why an existing folder may not be checked, if it may not: it is a symbolic link itself, or its
   * real path lies inside the kit's folder while the path given does not. A student who commits
   * their lab folder as a link to the kit's {@code labs/<id>/.meta/solution} (or to a folder above
   * it) would otherwise be graded on the kit's own solution. Folders given inside the kit ({@code
   * labs/<id>}, {@code labs/<id>/.meta/solution}, the selftest's cases) are the kit's own and fine.
   */
  public static Optional<String> refusal(Path folder, Path kitRoot) {
    var given = folder.toAbsolutePath().normalize();
    if (Files.isSymbolicLink(given)) {
      return Optional.of(
          "The folder to check is a symbolic link: "
              + given
              + linkTarget(given)
              + ". The kit checks a real folder only, so that a submission holds its own files.");
    }
    try {
      var real = given.toRealPath();
      var kitGiven = kitRoot.toAbsolutePath().normalize();
      var kitReal = kitRoot.toRealPath();
      if (real.startsWith(kitReal) && !given.startsWith(kitGiven) && !given.startsWith(kitReal)) {
        return Optional.of(
            "The folder to check, "
                + given
                + ", leads into the kit's own folder: its real path is "
                + real
                + ". A submission must hold its own files; the kit's labs/ are not a submission.");
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of("Cannot open the folder " + given + ": " + e.getMessage());
    }
  }

  private static String linkTarget(Path link) {
    try {
      return " (to " + Files.readSymbolicLink(link) + ")";
    } catch (IOException e) {
      return "";
    }
  }

  public Path root() {
    return root;
  }

  /** How reports name this workspace: the path as the user gave it. */
  public String displayName() {
    return displayName;
  }

  /**
   * Reads a UTF-8 text file, adding a problem to {@code feedback} and returning empty when the file
   * cannot be used.
   */
  public Optional<String> readText(String relativePath, Feedback feedback) {
    var outcome = readText(relativePath);
    outcome.problem().ifPresent(feedback::add);
    return outcome.text();
  }

  /** Reads a UTF-8 text file; the result holds either the text or the reason it is unusable. */
  public TextRead readText(String relativePath) {
    var resolved = resolveInside(relativePath);
    if (resolved.problem().isPresent()) {
      return resolved;
    }
    var file = resolved.path();
    try {
      long size = Files.size(file);
      if (size == 0) {
        return TextRead.failed(
            Problem.in(relativePath, "the file is empty")
                .hint("Fill in the file; the lab README says what goes in it."));
      }
      if (size > MAX_FILE_BYTES) {
        return TextRead.failed(tooLarge(relativePath, size));
      }
      return decodeUtf8(relativePath, file, Files.readAllBytes(file));
    } catch (IOException e) {
      return TextRead.failed(Problem.in(relativePath, "cannot read the file: " + e.getMessage()));
    }
  }

  /**
   * Copies a file of the workspace byte for byte (any content, empty included) to {@code target},
   * under the same rules as reading: inside the folder, a regular file, at most {@link
   * #MAX_FILE_BYTES}. Returns the problem instead when the file cannot be used.
   */
  public Optional<Problem> copyFile(String relativePath, Path target) {
    var resolved = resolveInside(relativePath);
    if (resolved.problem().isPresent()) {
      return resolved.problem();
    }
    try {
      long size = Files.size(resolved.path());
      if (size > MAX_FILE_BYTES) {
        return Optional.of(tooLarge(relativePath, size));
      }
      Files.createDirectories(target.getParent());
      Files.copy(resolved.path(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of(Problem.in(relativePath, "cannot copy the file: " + e.getMessage()));
    }
  }

  private static Problem tooLarge(String relativePath, long size) {
    return Problem.in(relativePath, "the file is too large to check")
        .expected("at most " + MAX_FILE_BYTES / 1024 + " KiB")
        .actual(size / 1024 + " KiB")
        .hint("This lab's files are small; did a build output or a binary end up here?");
  }

  /** Lists regular files below a folder of the workspace (relative paths, sorted, no links out). */
  public List<String> listFiles(String relativeFolder, String suffix) {
    var folder = root.resolve(relativeFolder).normalize();
    if (!folder.startsWith(root) || !Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(folder)) {
      return files
          .filter(path -> path.getFileName().toString().endsWith(suffix))
          .filter(
              path ->
                  Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)
                      || Files.isSymbolicLink(path))
          .map(path -> root.relativize(path).toString().replace('\\', '/'))
          .sorted()
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private TextRead resolveInside(String relativePath) {
    var candidate = root.resolve(relativePath).normalize();
    if (!candidate.startsWith(root)) {
      return TextRead.failed(Problem.in(relativePath, "this path leaves the lab folder"));
    }
    try {
      var real = candidate.toRealPath();
      if (!real.startsWith(root)) {
        return TextRead.failed(
            Problem.in(relativePath, "the file is a link that points outside the lab folder")
                .actual("link to " + real)
                .hint(
                    "Copy the content into the file itself; the checks read nothing outside the lab folder."));
      }
      if (!Files.isRegularFile(real)) {
        return TextRead.failed(Problem.in(relativePath, "this is not a regular file"));
      }
      return TextRead.found(real);
    } catch (NoSuchFileException e) {
      var problem =
          Files.isSymbolicLink(candidate)
              ? Problem.in(relativePath, "the file is a link to something that does not exist")
              : Problem.in(relativePath, "the file is missing")
                  .hint(
                      "Create it at "
                          + relativePath
                          + " inside the lab folder (see the lab README).");
      return TextRead.failed(problem);
    } catch (IOException e) {
      return TextRead.failed(Problem.in(relativePath, "cannot open the file: " + e.getMessage()));
    }
  }

  private static TextRead decodeUtf8(String relativePath, Path file, byte[] bytes) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    var input = ByteBuffer.wrap(bytes);
    try {
      CharBuffer chars = decoder.decode(input);
      var text = chars.toString();
      // A byte-order mark is legal UTF-8 but confuses parsers that expect '{' first.
      return TextRead.text(text.startsWith("\uFEFF") ? text.substring(1) : text);
    } catch (CharacterCodingException e) {
      int offset = firstInvalidUtf8Offset(bytes);
      int line = 1;
      for (int i = 0; i < offset; i++) {
        if (bytes[i] == '\n') {
          line++;
        }
      }
      return TextRead.failed(
          Problem.in(relativePath, "the file is not UTF-8 text")
              .at(line, null)
              .actual(String.format("byte 0x%02X at offset %d", bytes[offset] & 0xFF, offset))
              .hint(
                  "Save the file with UTF-8 encoding (most editors: \"Save with encoding\" → UTF-8)."));
    }
  }

  private static int firstInvalidUtf8Offset(byte[] bytes) {
    var decoder = StandardCharsets.UTF_8.newDecoder();
    var input = ByteBuffer.wrap(bytes);
    var output = CharBuffer.allocate(bytes.length + 1);
    var result = decoder.decode(input, output, true);
    return result.isError() ? input.position() : Math.max(0, bytes.length - 1);
  }
}
