package dev.labkit.harness.grading;

import dev.labkit.harness.run.LabSettings;
import dev.labkit.harness.selftest.LabCheckRunner;
import java.nio.file.Path;
import java.util.HashMap;

/**
 * The main class of one submission's grading JVM: {@code <lab> <submission-folder>
 * <report-folder>}. Runs the lab's checks as a learner's {@code mvn verify} would and writes the
 * report; exits 0 once the report is written, whatever threads the learner's code left running.
 */
public final class GradeOneSubmission {

  private GradeOneSubmission() {}

  public static void main(String[] args) {
    int exitCode = 0;
    // The JUnit Platform run below sees only the settings given to it, not system properties.
    var settings = new HashMap<String, String>();
    System.getProperties().stringPropertyNames().stream()
        .filter(key -> key.startsWith("labkit."))
        .forEach(key -> settings.put(key, System.getProperty(key)));
    settings.put(LabSettings.CONSOLE, "quiet");
    try {
      LabCheckRunner.run(args[0], Path.of(args[1]), Path.of(args[2]), settings);
    } catch (RuntimeException | Error e) {
      // One line on standard output for the gradebook's note; the trace for run.log.
      System.out.println("the grading run failed: " + e);
      e.printStackTrace();
      exitCode = 2;
    }
    System.exit(exitCode);
  }
}
