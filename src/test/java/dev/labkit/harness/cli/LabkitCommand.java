package dev.labkit.harness.cli;

import dev.labkit.harness.docker.DockerEngine;
import dev.labkit.harness.docker.KitContainers;
import dev.labkit.harness.doctor.Doctor;
import dev.labkit.harness.doctor.Finding;
import dev.labkit.harness.grading.BatchGrader;
import dev.labkit.harness.lab.CheckChoice;
import dev.labkit.harness.lab.LabCatalog;
import dev.labkit.harness.report.GithubReport;
import dev.labkit.harness.report.PrintableText;
import dev.labkit.harness.report.ReportAudit;
import dev.labkit.harness.report.ReportWriter;
import dev.labkit.harness.report.RunReport;
import dev.labkit.harness.run.ProvenanceProbe;
import dev.labkit.harness.workspace.Workspace;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The two messages Maven prints around the checks: {@code list} (after plain {@code mvn verify}:
 * the labs and the command that checks each) and {@code validate} (before {@code -Dlab=<id>}: an
 * unknown lab or a missing workspace is a clear error, never "no tests were run").
 */
public final class LabkitCommand {

  private LabkitCommand() {}

  public static void main(String[] args) {
    if (args.length < 2) {
      throw new IllegalArgumentException(
          "usage: list <kit-root> | validate <kit-root> <lab> [<workspace> [<checks>]]"
              + " | github <kit-root> <report-folder> <graded-folder-in-repo> <lab>"
              + " <submission-folder>"
              + " | doctor <kit-root> [<maven-version>]"
              + " | grade <kit-root> <lab> <submissions-folder> [<parallel>]"
              + " | down <kit-root>");
    }
    var kitRoot = Path.of(args[1]);
    var catalog = new LabCatalog(kitRoot);
    switch (args[0]) {
      case "list" -> System.out.print(labList(catalog, kitRoot));
      case "validate" -> validate(kitRoot, catalog, arg(args, 2), arg(args, 3), arg(args, 4));
      case "github" ->
          github(
              catalog,
              kitRoot.resolve(arg(args, 2)),
              arg(args, 3),
              arg(args, 4),
              arg(args, 5),
              System.out,
              System.getenv());
      case "doctor" -> doctor(kitRoot, arg(args, 2));
      case "grade" -> grade(kitRoot, catalog, arg(args, 2), arg(args, 3), arg(args, 4));
      case "down" -> down();
      default -> throw new IllegalArgumentException("unknown command " + args[0]);
    }
  }

  /**
   * {@code -Dlabkit.down}: removes the stacks kept with {@code -Dlabkit.keep=true}, and anything
   * else finished or killed runs on this machine left.
   */
  static void down() {
    if (!DockerEngine.isAvailable()) {
      System.out.println("[labkit] no Docker engine is reachable: nothing to remove");
      return;
    }
    // No session of its own: it makes nothing, and a session's start would sweep before it counts.
    int removed = KitContainers.removeLeftoversOfDeadRuns("");
    System.out.println(
        "[labkit] removed "
            + removed
            + (removed == 1 ? " container" : " containers")
            + " of finished runs (kept stacks included), with their networks and volumes");
  }

  /** The labs, each with the command that checks it and, when it was run here, its last score. */
  static String labList(LabCatalog catalog, Path kitRoot) {
    var text =
        new StringBuilder("\nLabs in this kit (edit the files in labs/<id>/, then check them):\n");
    for (var id : catalog.ids()) {
      var manifest = catalog.load(id);
      text.append(String.format("  %-38s %s%n", "mvn verify -Dlab=" + id, manifest.title()));
      LastRun.of(kitRoot, id)
          .ifPresent(last -> text.append(String.format("  %-38s %s%n", "", last)));
    }
    text.append("The kit's own tests: mvn verify -Pselftest\n");
    return text.toString();
  }

  static void validate(
      Path kitRoot, LabCatalog catalog, String lab, String workspace, String checks) {
    if (lab.isBlank()) {
      throw new LabChoiceError("\nSay which lab to check: -Dlab=<id>." + labList(catalog, kitRoot));
    }
    if (catalog.find(lab).isEmpty()) {
      throw new LabChoiceError("\nThere is no lab '" + lab + "'." + labList(catalog, kitRoot));
    }
    if (!workspace.isBlank() && !Files.isDirectory(kitRoot.resolve(workspace))) {
      throw new LabChoiceError(
          "\nThe folder to check does not exist: "
              + kitRoot.resolve(workspace).normalize()
              + "\n-Dlabkit.workspace takes a folder laid out like labs/"
              + lab
              + "/ (absolute, or relative to "
              + kitRoot
              + ").");
    }
    if (!workspace.isBlank()) {
      Workspace.refusal(kitRoot.resolve(workspace), kitRoot)
          .ifPresent(
              reason -> {
                throw new LabChoiceError("\n" + reason);
              });
    }
    var unknownChecks = CheckChoice.unknown(checks, catalog.load(lab));
    if (!unknownChecks.isEmpty()) {
      throw new LabChoiceError(
          "\n-D" + CheckChoice.SETTING + ": " + String.join("\n", unknownChecks));
    }
  }

  /**
   * Hands a finished run to GitHub Actions: annotations on standard output, the score as step
   * outputs ({@code $GITHUB_OUTPUT}) and report.md in the job summary ({@code
   * $GITHUB_STEP_SUMMARY}), for the grading workflow.
   */
  static void github(
      LabCatalog catalog,
      Path reportFolder,
      String gradedFolder,
      String lab,
      String submission,
      PrintStream out,
      Map<String, String> environment) {
    var manifest = catalog.load(lab);
    var problems = new ArrayList<String>();
    RunReport report = null;
    if (!Files.isRegularFile(reportFolder.resolve(ReportWriter.JSON))) {
      problems.add("no report.json was written: the run did not end (see the Grade step's log)");
    } else {
      report = ReportWriter.read(reportFolder);
      problems.addAll(
          ReportAudit.discrepancies(
              report,
              manifest,
              submission.isBlank()
                  ? Optional.empty()
                  : Optional.of(ProvenanceProbe.filesHash(Path.of(submission)))));
    }
    if (!problems.isEmpty()) {
      var why =
          "report.json does not match what the checks recorded: " + String.join("; ", problems);
      out.println(GithubReport.notGraded(why));
      appendTo(
          environment.get("GITHUB_OUTPUT"),
          outputLines(GithubReport.notGradedOutputs(manifest.maxScore())));
      appendTo(
          environment.get("GITHUB_STEP_SUMMARY"),
          "## labkit: " + lab + " — not graded\n\n" + PrintableText.of(why) + "\n");
      return;
    }
    GithubReport.annotations(report, gradedFolder).forEach(out::println);
    appendTo(environment.get("GITHUB_OUTPUT"), outputLines(GithubReport.outputs(report)));
    try {
      appendTo(
          environment.get("GITHUB_STEP_SUMMARY"),
          Files.readString(reportFolder.resolve(ReportWriter.MARKDOWN)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String outputLines(Map<String, String> outputs) {
    return outputs.entrySet().stream()
        .map(entry -> entry.getKey() + "=" + entry.getValue() + "\n")
        .collect(Collectors.joining());
  }

  /** Prints what the doctor found; fails (so Maven fails) when something must be fixed. */
  static void doctor(Path kitRoot, String mavenVersion) {
    var findings = new Doctor(kitRoot, mavenVersion).examine();
    System.out.println("\nlabkit doctor: is this machine ready for the labs?\n");
    findings.forEach(finding -> System.out.println(finding.render()));
    long failures = findings.stream().filter(f -> f.level() == Finding.Level.FAIL).count();
    long warnings = findings.stream().filter(f -> f.level() == Finding.Level.WARN).count();
    System.out.printf(
        "%n%d to fix, %d to look at, %d fine%n",
        failures, warnings, findings.size() - failures - warnings);
    if (failures > 0) {
      throw new LabChoiceError("\nThe doctor found " + failures + " thing(s) to fix (FAIL above).");
    }
  }

  /** Grades a folder of submissions for one lab into target/labkit/batch/<lab>/. */
  static void grade(
      Path kitRoot, LabCatalog catalog, String lab, String submissions, String parallel) {
    validate(kitRoot, catalog, lab, "", "");
    var folder = kitRoot.resolve(submissions);
    if (submissions.isBlank() || !Files.isDirectory(folder)) {
      throw new LabChoiceError(
          "\nSay which folder holds the submissions (one subfolder each): -Dlabkit.submissions=<folder>.");
    }
    int threads =
        parallel.isBlank()
            ? BatchGrader.defaultParallelism(
                Runtime.getRuntime().availableProcessors(),
                Doctor.availableMemory(),
                catalog.load(lab).selftestParallelism())
            : Integer.parseInt(parallel);
    var output = kitRoot.resolve("target/labkit/batch").resolve(lab);
    System.out.printf("%nGrading %s: the submissions in %s, %d at a time%n", lab, folder, threads);
    var rows =
        new BatchGrader(kitRoot, lab, threads, Duration.ofMinutes(30), System.out)
            .grade(folder, output);
    System.out.printf(
        "%n%d graded; gradebook: %s%n", rows.size(), output.resolve(BatchGrader.GRADEBOOK));
  }

  private static void appendTo(String file, String text) {
    if (file == null || file.isBlank()) {
      return;
    }
    try {
      Files.writeString(
          Path.of(file),
          text,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String arg(String[] args, int index) {
    return args.length > index && args[index] != null ? args[index].trim() : "";
  }

  /** A usage error: Maven prints the message and stops before any check runs. */
  static final class LabChoiceError extends RuntimeException {
    LabChoiceError(String message) {
      super(message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }

    /** exec:java prints the exception itself; the message alone is what the learner should read. */
    @Override
    public String toString() {
      return getMessage();
    }
  }
}
