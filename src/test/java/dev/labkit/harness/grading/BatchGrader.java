package dev.labkit.harness.grading;

import dev.labkit.harness.docker.BuildLimits;
import dev.labkit.harness.lab.LabCatalog;
import dev.labkit.harness.lab.LabManifest;
import dev.labkit.harness.report.PrintableText;
import dev.labkit.harness.run.Console;
import dev.labkit.harness.run.RunSession;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Grades every submission of a folder (one subfolder each) for one lab, a few at a time, each in a
 * JVM of its own ({@link GradingProcess}) and within a time limit: each run goes through the same
 * check class a learner runs and writes its own report. A submission that times out or ends its JVM
 * gets a row with a note; the others are still graded. Writes gradebook.csv next to the reports.
 */
public final class BatchGrader {

  public static final String GRADEBOOK = "gradebook.csv";
  public static final String SUBMISSIONS = "submissions";

  private final String lab;
  private final LabManifest manifest;
  private final int parallel;
  private final Duration limit;
  private final PrintStream out;

  public BatchGrader(Path kitRoot, String lab, int parallel, Duration limit, PrintStream out) {
    this.lab = lab;
    this.manifest = new LabCatalog(kitRoot).load(lab);
    this.parallel = parallel;
    this.limit = limit;
    this.out = out;
  }

  /**
   * How many at a time by default: at most the cores, at most one per 3 GiB of available memory, at
   * most what the lab's own selftest allows.
   */
  public static int defaultParallelism(int cores, long availableBytes, Optional<Integer> labCap) {
    long byMemory = Math.max(1, availableBytes / (3L * 1024 * 1024 * 1024));
    int wanted = (int) Math.max(1, Math.min(cores, byMemory));
    return labCap.map(cap -> Math.min(cap, wanted)).orElse(wanted);
  }

  /** Grades each subfolder of {@code submissions}; the gradebook goes to {@code output}. */
  public List<GradedSubmission> grade(Path submissions, Path output) {
    var folders = subfolders(submissions);
    var links = links(submissions);
    var done = new AtomicInteger();
    long start = System.nanoTime();
    var pool = Executors.newFixedThreadPool(parallel);
    try (var buildLimit =
        BuildLimitWatch.start(BuildLimits::processLimit, BuildLimits::processesNow)) {
      var running = new ArrayList<Future<TimedRun>>();
      for (var folder : folders) {
        running.add(
            pool.submit(
                () -> {
                  var run = gradeOne(folder, output);
                  progress(done.incrementAndGet(), folders.size(), start, run.graded());
                  return run;
                }));
      }
      var runs = new ArrayList<TimedRun>();
      for (int i = 0; i < folders.size(); i++) {
        runs.add(await(folders.get(i), running.get(i)));
      }
      // Only now, with nothing else running, can a run be repeated alone.
      var rows = new ArrayList<GradedSubmission>();
      for (int i = 0; i < folders.size(); i++) {
        var run = runs.get(i);
        rows.add(
            parallel > 1 && buildLimit.reachedBetween(run.from(), run.to())
                ? gradeAlone(folders.get(i), output)
                : run.graded());
      }
      for (var link : links) {
        rows.add(
            new GradedSubmission(
                link.getFileName().toString(),
                Optional.empty(),
                0,
                "not graded: the submission is a link, not a folder of files"));
      }
      rows.sort(java.util.Comparator.comparing(GradedSubmission::name));
      Gradebook.write(output.resolve(GRADEBOOK), manifest, rows);
      return rows;
    } finally {
      pool.shutdownNow();
      // A grading JVM that had to be killed could not remove its containers; its pid is gone now.
      RunSession.current().sweepDeadRuns();
    }
  }

  /** One submission's outcome and when its run took place. */
  private record TimedRun(GradedSubmission graded, Instant from, Instant to) {}

  private TimedRun gradeOne(Path folder, Path output) {
    var from = Instant.now();
    var graded = GradingProcess.grade(manifest, folder, reportFolder(output, folder), limit);
    return new TimedRun(graded, from, Instant.now());
  }

  /**
   * Where one submission's report goes: under {@link #SUBMISSIONS}, so no submission's name can
   * collide with the gradebook or another file of the batch.
   */
  public static Path reportFolder(Path output, Path submission) {
    return output.resolve(SUBMISSIONS).resolve(submission.getFileName().toString());
  }

  /**
   * Grades again, with no other run beside it, a submission that ran while some build held the
   * process limit every build shares: its own build may have failed for want of processes.
   */
  private GradedSubmission gradeAlone(Path folder, Path output) {
    var graded = gradeOne(folder, output).graded();
    synchronized (this) {
      out.println(
          progressLine(
              "[again]",
              graded,
              "graded alone: a build reached the shared process limit while it ran"));
    }
    return graded.withNote(
        "graded alone: a build reached the shared process limit during its first run");
  }

  private static TimedRun await(Path folder, Future<TimedRun> future) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      return notGraded(folder, "not graded: " + e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return notGraded(folder, "not graded: interrupted");
    }
  }

  private static TimedRun notGraded(Path folder, String note) {
    var now = Instant.now();
    return new TimedRun(
        new GradedSubmission(folder.getFileName().toString(), Optional.empty(), 0, note), now, now);
  }

  private synchronized void progress(int done, int total, long start, GradedSubmission graded) {
    long elapsed = System.nanoTime() - start;
    long estimate = done == 0 ? 0 : elapsed / done * (total - done);
    out.println(
        progressLine(
            "[" + done + "/" + total + "]",
            graded,
            "elapsed "
                + Console.seconds(elapsed)
                + ", about "
                + Console.seconds(estimate)
                + " to go"));
    out.flush();
  }

  /**
   * {@code [3/20] alice 85/100 elapsed …}: the name and the outcome (a score, or a note that may
   * quote the learner's output) each as one printable line.
   */
  static String progressLine(String counter, GradedSubmission graded, String rest) {
    return String.format(
        Locale.ROOT,
        "%s %-30s %s   %s",
        counter,
        PrintableText.oneLine(graded.name()),
        PrintableText.oneLine(outcome(graded)),
        rest);
  }

  private static String outcome(GradedSubmission graded) {
    return graded.report().isPresent()
        ? graded.score() + "/" + graded.report().get().maxScore()
        : graded.note();
  }

  /** Entries of the folder that are links: never followed, each a row saying so. */
  private static List<Path> links(Path submissions) {
    try (var entries = Files.list(submissions)) {
      return entries.filter(Files::isSymbolicLink).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the submissions in " + submissions, e);
    }
  }

  private static List<Path> subfolders(Path submissions) {
    try (var entries = Files.list(submissions)) {
      return entries
          .filter(path -> Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the submissions in " + submissions, e);
    }
  }
}
