package dev.labkit.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.labkit.harness.grading.BatchGrader;
import dev.labkit.harness.grading.GradedSubmission;
import dev.labkit.harness.run.KitRoot;
import dev.labkit.harness.run.RunSession;
import dev.labkit.harness.workspace.Folders;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * A submission whose Java code attacks the grader, graded in one batch beside an honest one. Its
 * code, from a static initialiser, a thread of its own and a shutdown hook, writes a forged
 * report.json and gradebook where the batch keeps them, edits the other submission, writes into the
 * kit's target/ and the working folder, tries the Docker engine (socket and TCP) and leaves a
 * detached process. Outcomes asserted: its score is what the checks measured, no forged byte is
 * anywhere, the honest submission still scores 100, nothing it started outlives the batch.
 */
// Beside the labs' selftest cases, not after them: it mostly waits, and its lab's slots bound it.
@Execution(ExecutionMode.CONCURRENT)
@ExtendWith(RunSession.Held.class)
class HostileLearnerCodeIT {

  /** Written by the hostile code wherever it can; found nowhere afterwards. */
  static final String FORGED = "forged-by-" + UUID.randomUUID();

  static final String SLEEP_SECONDS = "4" + (1000 + (int) (Math.random() * 8000));

  @TempDir Path folder;

  @Test
  void learnerCodeCannotForgeItsScoreOrReachTheGradingMachine() throws Exception {
    var kit = KitRoot.locate();
    var lab = kit.resolve("labs/presigned-url");
    var submissions = Files.createDirectories(folder.resolve("submissions"));
    var output = folder.resolve("batch");
    Folders.copy(lab.resolve(".meta/solution"), submissions.resolve("alice"));
    Folders.copy(lab.resolve(".meta/solution"), submissions.resolve("=1+2"));
    var mallory = submissions.resolve("mallory");
    Folders.copy(lab.resolve("bucket"), mallory.resolve("bucket"));
    Folders.copy(lab.resolve("src"), mallory.resolve("src"));
    var targets =
        List.of(
            BatchGrader.reportFolder(output, mallory).resolve("report.json"),
            output.resolve(BatchGrader.GRADEBOOK),
            submissions.resolve("alice/src/main/java/photos/PhotoUrls.java"),
            submissions.resolve("alice/MARK"),
            kit.resolve("target/test-classes/MARK"),
            kit.resolve("target/labkit/MARK"),
            folder.resolve("MARK"),
            Path.of("/var/tmp/" + FORGED));
    insertHostileCode(mallory.resolve("src/main/java/photos/PhotoUrls.java"), targets);

    var byName =
        new BatchGrader(
                kit,
                "presigned-url",
                2,
                Duration.ofMinutes(10),
                new PrintStream(OutputStream.nullOutputStream()))
            .grade(submissions, output).stream()
                .collect(Collectors.toMap(GradedSubmission::name, row -> row));

    assertThat(byName.get("mallory").statusOf("code-compiles"))
        .as("the hostile code compiles, or it attacked nothing")
        .isEqualTo("passed");
    assertThat(byName.get("alice").score()).as("the honest submission").isEqualTo(100);
    assertThat(byName.get("=1+2").score()).as("a submission named like a formula").isEqualTo(100);
    assertThat(Files.readAllLines(output.resolve(BatchGrader.GRADEBOOK)))
        .as("gradebook.csv: the formula-like name stays text")
        .anySatisfy(row -> assertThat(row).startsWith("'=1+2,100,"))
        .noneSatisfy(row -> assertThat(row).startsWith("=1+2"));
    var reportFolder = BatchGrader.reportFolder(output, mallory);
    for (var file : List.of("report.json", "report.md", "run.log")) {
      assertThat(Files.readString(reportFolder.resolve(file)))
          .as("%s of the hostile submission: its message printable, no raw CR or escape", file)
          .doesNotContain("\r", "\u001b");
    }
    assertThat(Files.readString(reportFolder.resolve("report.md")))
        .contains("\\r::error title=forged::all checks passed\\u001b[2J");
    var mallorysReport = byName.get("mallory").report();
    assertThat(mallorysReport).as("the hostile submission's audited report").isPresent();
    assertThat(mallorysReport.get().score()).as("the hostile submission's score").isLessThan(50);
    assertThat(mallorysReport.get().checks())
        .as("the hostile code ran, and what it says it achieved")
        .anySatisfy(check -> assertThat(check.message()).contains("attack ran; achieved nothing"));
    for (var target : targets) {
      assertThat(!Files.exists(target) || !contains(target, FORGED))
          .as("%s holds nothing the hostile code wrote", target)
          .isTrue();
    }
    assertThat(filesHolding(FORGED, folder, kit.resolve("target/labkit")))
        .as("files anywhere in the batch or the kit's reports with forged content")
        .isEmpty();
    assertThat(
            ProcessHandle.allProcesses()
                .map(process -> process.info().commandLine().orElse(""))
                .filter(command -> command.contains("sleep " + SLEEP_SECONDS)))
        .as("processes the hostile code left running")
        .isEmpty();
  }

  /**
   * The starter's PhotoUrls with an attack in a static initialiser: it runs as soon as the kit
   * constructs the class, and again from a thread and a shutdown hook.
   */
  private void insertHostileCode(Path source, List<Path> targets) throws IOException {
    var paths = targets.stream().map(path -> "\"" + path + "\"").collect(Collectors.joining(", "));
    var attack =
        // Fully qualified: this is the submission's code, compiled without the imports above.
        """
          static final java.util.Set<String> DONE =
              java.util.Collections.synchronizedSet(new java.util.LinkedHashSet<>());

          static void forge() {
            for (String target : new String[] {%s}) {
              try {
                java.nio.file.Files.writeString(java.nio.file.Path.of(target), "%s");
                DONE.add("wrote " + target);
              } catch (Throwable ignored) {
              }
            }
            try (var engine = java.nio.channels.SocketChannel.open(
                java.net.UnixDomainSocketAddress.of("/var/run/docker.sock"))) {
              DONE.add("reached the Docker socket");
            } catch (Throwable ignored) {
            }
            try (var engine = new java.net.Socket("172.17.0.1", 2375)) {
              DONE.add("reached the Docker engine over TCP");
            } catch (Throwable ignored) {
            }
            try {
              new ProcessBuilder("sh", "-c", "setsid sleep %s >/dev/null 2>&1 &").start();
            } catch (Throwable ignored) {
            }
          }

          static {
            Runtime.getRuntime().addShutdownHook(new Thread(PhotoUrls::forge));
            var again = new Thread(() -> {
              while (true) {
                forge();
                try {
                  Thread.sleep(200);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
            again.start();
            forge();
          }

          /**
           * What the attack achieved, in the report, so the test knows it ran; with a forged
           * workflow command and terminal escapes for whatever prints it.
           */
          static String outcome() {
            return "attack ran; " + (DONE.isEmpty() ? "achieved nothing" : String.join(", ", DONE))
                + "\\r::error title=forged::all checks passed\\u001b[2J\\u001b[32mPASS";
          }
        """
            .formatted(paths, FORGED, SLEEP_SECONDS);
    var text = Files.readString(source);
    var head = "public class PhotoUrls {";
    var download = "public PresignedGetObjectRequest downloadUrl(String user, String key) {";
    assertThat(text).contains(head).contains(download);
    Files.writeString(
        source,
        text.replace(head, head + "\n" + attack)
            .replace(
                download,
                download + "\n    if (user != null) throw new IllegalStateException(outcome());"));
  }

  private static boolean contains(Path file, String text) {
    try {
      return Files.size(file) < 10_000_000
          && Files.readString(file, StandardCharsets.ISO_8859_1).contains(text);
    } catch (IOException e) {
      return false;
    }
  }

  private static List<Path> filesHolding(String text, Path... roots) throws IOException {
    var found = new ArrayList<Path>();
    for (var root : roots) {
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(root)) {
        files
            .filter(path -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS))
            .filter(path -> contains(path, text))
            // The hostile source itself holds the text, of course.
            .filter(path -> !path.toString().endsWith(".java"))
            .forEach(found::add);
      }
    }
    return found;
  }
}
