package dev.labkit.harness.grading;

import dev.labkit.harness.lab.LabManifest;
import dev.labkit.harness.process.Command;
import dev.labkit.harness.process.CommandInterrupted;
import dev.labkit.harness.process.PassedEnvironment;
import dev.labkit.harness.report.PrintableText;
import dev.labkit.harness.report.ReportAudit;
import dev.labkit.harness.report.ReportWriter;
import dev.labkit.harness.run.LabSettings;
import dev.labkit.harness.run.ProvenanceProbe;
import dev.labkit.harness.sandbox.SandboxMode;
import dev.labkit.harness.workspace.Folders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Grades one submission in a JVM of its own ({@link GradeOneSubmission}). A learner's code that
 * calls {@code System.exit}, loops forever, leaks threads or fills the heap ends that JVM only; a
 * run past its time limit is stopped (its docker commands killed, then the JVM asked to clean up,
 * then killed). The JVM sees only the variables Docker and Testcontainers need, the kit's {@code
 * labkit.*} settings, and a bounded heap; the last {@link #KEPT_OUTPUT_BYTES} of each stream it
 * printed are kept in {@code run.log} next to the report.
 */
final class GradingProcess {

  static final String LOG = "run.log";
  static final int KEPT_OUTPUT_BYTES = 64 * 1024;

  /** Long enough for the JVM's exit hook to remove its containers. */
  private static final Duration CLEAN_UP_GRACE = Duration.ofSeconds(30);

  private static final String HEAP = "-Xmx1536m";

  private GradingProcess() {}

  /**
   * Grades {@code folder} into {@code outputFolder} (report.json, report.md, run.log). The grading
   * JVM works in a private temporary folder and writes its report there; the report is copied out
   * only once {@link ReportAudit} finds it consistent with the lab's manifest and with the hash of
   * the submission's files, taken before the run.
   */
  static GradedSubmission grade(
      LabManifest manifest, Path folder, Path outputFolder, Duration limit) {
    var name = folder.getFileName().toString();
    long start = System.nanoTime();
    var filesHash = ProvenanceProbe.filesHash(folder);
    var privateRun = Folders.createTemp("grading");
    var reportFolder = privateRun.resolve("report");
    try {
      Files.createDirectories(outputFolder);
      // A report left by an earlier batch must never pass for this run's.
      Files.deleteIfExists(outputFolder.resolve(ReportWriter.JSON));
      Files.deleteIfExists(outputFolder.resolve(ReportWriter.MARKDOWN));
      var result =
          command(
                  manifest.id(),
                  folder,
                  reportFolder,
                  Files.createDirectories(privateRun.resolve("work")))
              .within(limit)
              .run();
      var output = result.captured();
      var errors = result.errors();
      boolean finished = !result.timedOut();
      Files.writeString(
          outputFolder.resolve(LOG),
          // The learner's output, printable: an instructor who cats run.log gets no escapes run.
          PrintableText.of(output.text() + "\n--- standard error ---\n" + errors.text()),
          StandardCharsets.UTF_8);
      var lastOutput = output.lastLine().isEmpty() ? errors.lastLine() : output.lastLine();
      long elapsed = (System.nanoTime() - start) / 1_000_000;
      if (!finished) {
        return new GradedSubmission(
            name,
            Optional.empty(),
            elapsed,
            "not graded: the run took longer than "
                + limit.toMinutes()
                + " minutes and was stopped (last output: "
                + lastOutput
                + ")");
      }
      if (result.exitCode() != 0 || !Files.isRegularFile(reportFolder.resolve(ReportWriter.JSON))) {
        return new GradedSubmission(
            name,
            Optional.empty(),
            elapsed,
            "not graded: the run ended with exit code "
                + result.exitCode()
                + " before writing its report (does the code call System.exit, or exhaust memory?"
                + " see "
                + LOG
                + "; last output: "
                + lastOutput
                + ")");
      }
      var report = ReportWriter.read(reportFolder);
      var discrepancies = ReportAudit.discrepancies(report, manifest, Optional.of(filesHash));
      if (!discrepancies.isEmpty()) {
        return new GradedSubmission(
            name,
            Optional.empty(),
            elapsed,
            "not graded: the report does not match what the checks recorded ("
                + String.join("; ", discrepancies)
                + ")");
      }
      Files.copy(reportFolder.resolve(ReportWriter.JSON), outputFolder.resolve(ReportWriter.JSON));
      Files.copy(
          reportFolder.resolve(ReportWriter.MARKDOWN), outputFolder.resolve(ReportWriter.MARKDOWN));
      return new GradedSubmission(name, Optional.of(report), elapsed, "");
    } catch (IOException | UncheckedIOException e) {
      return new GradedSubmission(
          name,
          Optional.empty(),
          (System.nanoTime() - start) / 1_000_000,
          "not graded: " + e.getMessage());
    } catch (CommandInterrupted e) {
      return new GradedSubmission(
          name,
          Optional.empty(),
          (System.nanoTime() - start) / 1_000_000,
          "not graded: interrupted");
    } finally {
      Folders.delete(privateRun);
    }
  }

  /**
   * The grading JVM's command. Stopping it kills the docker commands it is waiting on (which
   * cancels a build), lets its exit hook remove its containers, and kills what is left. Its
   * standard error is kept apart: the JVM's own exit noise (Testcontainers' and the kit's clean-up
   * hooks racing) goes there, and must not stand in the note for the last thing the learner's code
   * printed.
   */
  private static Command command(String lab, Path folder, Path reportFolder, Path workFolder) {
    var argv = new ArrayList<String>();
    argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    argv.add(HEAP);
    argv.add("-XX:+ExitOnOutOfMemoryError");
    System.getProperties().stringPropertyNames().stream()
        .filter(key -> key.startsWith("labkit."))
        .filter(key -> !key.equals(SandboxMode.SETTING))
        // A grade leaves nothing running: a kept stack is a learner's tool.
        .filter(key -> !key.equals(LabSettings.KEEP))
        .sorted()
        .forEach(key -> argv.add("-D" + key + "=" + System.getProperty(key)));
    // Grading runs a learner's code only where it is contained.
    argv.add("-D" + SandboxMode.SETTING + "=container");
    argv.addAll(
        List.of(
            "-classpath",
            System.getProperty("java.class.path"),
            GradeOneSubmission.class.getName(),
            lab,
            folder.toAbsolutePath().toString(),
            reportFolder.toAbsolutePath().toString()));
    return Command.of(argv)
        .in(workFolder)
        .passing(PassedEnvironment.DOCKER)
        .passing("JAVA_HOME", "LANG", "LC_ALL", "XDG_RUNTIME_DIR")
        .passingPrefixed("TESTCONTAINERS_")
        .keeping(0, KEPT_OUTPUT_BYTES)
        .errorsApart()
        .stoppedGently(CLEAN_UP_GRACE);
  }
}
