package dev.labkit.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.labkit.harness.grading.BatchGrader;
import dev.labkit.harness.grading.GradedSubmission;
import dev.labkit.harness.run.KitRoot;
import dev.labkit.harness.workspace.Folders;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Folders of submissions, hostile ones included, graded in one go: each gets its score, a link to
 * /etc/shadow and a 50 MB config are failed with a reason (never read), learner code that loops
 * forever or calls System.exit fails only its own calls, and the gradebook has a row for every one.
 */
// Beside the labs' selftest cases, not after them: it mostly waits, and its lab's slots bound it.
@Execution(ExecutionMode.CONCURRENT)
class BatchGraderIT {

  @TempDir Path folder;

  @Test
  void gradesEverySubmissionAndContainsTheHostileOnes() throws Exception {
    var lab = KitRoot.locate().resolve("labs/nginx-reverse-proxy");
    var submissions = Files.createDirectories(folder.resolve("submissions"));
    Folders.copy(lab.resolve(".meta/solution"), submissions.resolve("alice"));
    Folders.copy(lab.resolve(".meta/solution"), submissions.resolve("mallory"));
    Files.delete(submissions.resolve("mallory/nginx.conf"));
    Files.createSymbolicLink(submissions.resolve("mallory/nginx.conf"), Path.of("/etc/shadow"));
    Folders.copy(lab.resolve(".meta/solution"), submissions.resolve("trent"));
    try (var out = Files.newOutputStream(submissions.resolve("trent/nginx.conf"))) {
      var block = new byte[1024 * 1024];
      Arrays.fill(block, (byte) '#');
      for (int i = 0; i < 50; i++) {
        out.write(block);
      }
    }
    var output = folder.resolve("batch");

    var byName = gradeTwoAtATime("nginx-reverse-proxy", submissions, output);
    assertThat(byName.get("alice").score()).isEqualTo(100);
    for (var hostile : new String[] {"mallory", "trent"}) {
      var report = byName.get(hostile).report().orElseThrow();
      assertThat(report.checks().get(0).status().label()).isEqualTo("failed");
      assertThat(report.checks().get(0).message())
          .containsAnyOf("outside the lab folder", "too large");
    }
    assertThat(Files.readAllLines(output.resolve("gradebook.csv")))
        .hasSize(4)
        .first()
        .asString()
        .startsWith("submission,score,max_score,config-valid");
  }

  @Test
  void learnerCodeThatLoopsForeverOrExitsEndsOnlyItsOwnRun() throws Exception {
    var lab = KitRoot.locate().resolve("labs/presigned-url");
    var submissions = Files.createDirectories(folder.resolve("submissions"));
    var code = "src/main/java/photos/PhotoUrls.java";
    Folders.copy(lab.resolve(".meta/solution"), submissions.resolve("alice"));
    Folders.copy(lab.resolve(".meta/solution"), submissions.resolve("spinner"));
    insertAtStartOf(
        submissions.resolve("spinner").resolve(code),
        "downloadUrl(String user, String key) {",
        "while (!user.isEmpty()) { }");
    Folders.copy(lab.resolve(".meta/solution"), submissions.resolve("quitter"));
    insertAtStartOf(
        submissions.resolve("quitter").resolve(code),
        "Duration validFor) {",
        "System.out.println(\"bye\"); System.exit(3);");

    var byName = gradeTwoAtATime("presigned-url", submissions, folder.resolve("batch"));
    assertThat(byName.get("alice").score()).isEqualTo(100);
    var spinner = byName.get("spinner").report().orElseThrow();
    assertThat(spinner.score()).isBetween(1, 99);
    assertThat(spinner.checks())
        .anySatisfy(check -> assertThat(check.message()).contains("did not return within"));
    // The code runs in a sandbox of its own: ending that JVM fails the calls it made, not the run.
    var quitter = byName.get("quitter").report().orElseThrow();
    assertThat(quitter.score()).isBetween(1, 99);
    assertThat(quitter.checks())
        .anySatisfy(check -> assertThat(check.message()).contains("exit code 3").contains("bye"));
  }

  /** Grades the folder as an instructor would, quietly; the rows by submission name. */
  private static Map<String, GradedSubmission> gradeTwoAtATime(
      String lab, Path submissions, Path output) {
    return new BatchGrader(
            KitRoot.locate(),
            lab,
            2,
            Duration.ofMinutes(10),
            new PrintStream(OutputStream.nullOutputStream()))
        .grade(submissions, output).stream()
            .collect(Collectors.toMap(GradedSubmission::name, row -> row));
  }

  private static void insertAtStartOf(Path file, String methodHead, String statement)
      throws IOException {
    var text = Files.readString(file);
    assertThat(text).contains(methodHead);
    Files.writeString(file, text.replace(methodHead, methodHead + "\n    " + statement));
  }
}
