package dev.labkit.harness.selftest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A block of commands a lab README tells the learner to run by hand, marked for the selftest by an
 * HTML comment on the line before its fence, which names the folder the commands run in (relative
 * to the kit's top folder):
 *
 * <pre>
 * &lt;!-- by hand in labs/docker-basics: run by ReadmeCommandsIT --&gt;
 * ```
 * docker compose up -d --build --wait
 * curl -i localhost:8080/notes        # → HTTP/1.1 200
 * ```
 * </pre>
 *
 * Each line is one command; a trailing {@code # → text} is what the learner will see in its output,
 * and the selftest checks that it does.
 *
 * @param readme the README, relative to the kit's top folder, for messages
 * @param line the line of the marker
 * @param folder where the commands run, relative to the kit's top folder
 */
public record ByHandBlock(String readme, int line, String folder, List<ByHandCommand> commands) {

  /** One line of a block: the command as the learner reads it, and the output it promises. */
  public record ByHandCommand(int line, String text, Optional<String> promised) {}

  static final Pattern MARKER =
      Pattern.compile("<!-- by hand in (\\S+): run by ReadmeCommandsIT -->");

  private static final String PROMISE = "# →";

  /** Every marked block of {@code readme}, in order. */
  public static List<ByHandBlock> read(Path kitRoot, Path readme) {
    try {
      return parse(kitRoot.relativize(readme).toString(), Files.readAllLines(readme));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<ByHandBlock> parse(String readme, List<String> lines) {
    var blocks = new ArrayList<ByHandBlock>();
    for (int i = 0; i < lines.size(); i++) {
      var marker = MARKER.matcher(lines.get(i).strip());
      if (!marker.matches()) {
        continue;
      }
      if (i + 1 >= lines.size() || !lines.get(i + 1).startsWith("```")) {
        throw new IllegalStateException(
            readme
                + ":"
                + (i + 1)
                + ": a by-hand marker must stand on the line before a ``` fence");
      }
      var commands = new ArrayList<ByHandCommand>();
      int j = i + 2;
      for (; j < lines.size() && !lines.get(j).startsWith("```"); j++) {
        var text = lines.get(j).strip();
        if (text.isEmpty() || text.startsWith("#")) {
          continue;
        }
        var promise = text.lastIndexOf(PROMISE);
        commands.add(
            new ByHandCommand(
                j + 1,
                text,
                promise < 0
                    ? Optional.empty()
                    : Optional.of(text.substring(promise + PROMISE.length()).strip())));
      }
      if (j >= lines.size()) {
        throw new IllegalStateException(readme + ":" + (i + 2) + ": the fence is never closed");
      }
      blocks.add(new ByHandBlock(readme, i + 1, marker.group(1), List.copyOf(commands)));
      i = j;
    }
    return List.copyOf(blocks);
  }

  @Override
  public String toString() {
    return readme + ":" + line;
  }
}
