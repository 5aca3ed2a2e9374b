package dev.labkit.harness.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Tells the learner what stayed running after a {@code -Dlabkit.keep=true} run and how to reach it,
 * on the console and in {@code kept.txt} beside the run's report (a file to copy from, and what the
 * selftest runs to prove the commands work). A run that keeps nothing removes an old note.
 */
final class KeptStackNote {

  static final String FILE = "kept.txt";

  /** The kept containers' ids, one a line: what a test (or a script) removes when it is done. */
  static final String IDS_FILE = "kept-containers.txt";

  private KeptStackNote() {}

  static void tell(
      Console console, Path reportFolder, List<String> howToTouch, List<String> containerIds) {
    var text = new ArrayList<String>();
    text.add("# Kept running (-Dlabkit.keep=true). The next run, or mvn -q verify -Dlabkit.down,");
    text.add("# removes it.");
    text.addAll(howToTouch);
    console.say("");
    text.forEach(line -> console.say(line.startsWith("#") ? line : "    " + line));
    var file = reportFolder.resolve(FILE);
    try {
      Files.createDirectories(reportFolder);
      Files.write(file, text, StandardCharsets.UTF_8);
      Files.write(reportFolder.resolve(IDS_FILE), containerIds, StandardCharsets.UTF_8);
      console.say("# (also in " + file + ")");
    } catch (IOException e) {
      console.say("# (could not write " + file + ": " + e.getMessage() + ")");
    }
  }

  /** A run that kept nothing: an old note would point at containers that are gone. */
  static void forget(Path reportFolder) {
    try {
      Files.deleteIfExists(reportFolder.resolve(FILE));
      Files.deleteIfExists(reportFolder.resolve(IDS_FILE));
    } catch (IOException ignored) {
      // a note that cannot be removed says what an earlier run kept; harmless
    }
  }
}
