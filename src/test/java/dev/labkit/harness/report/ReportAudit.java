package dev.labkit.harness.report;

import dev.labkit.harness.lab.LabManifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a report.json can be what the kit's checks recorded for a submission, judged with what
 * the grader knows itself: the lab's own manifest (check ids, titles, points, in order), the
 * scoring rule (a passed check earns its points, any other none), and the hash of the submission's
 * files. A report written by anything else (a learner's process, a copy of another submission's
 * report) fails at least one of these, and a grader records no score from it.
 */
public final class ReportAudit {

  private ReportAudit() {}

  /** What does not add up; empty when the report is consistent. */
  public static List<String> discrepancies(
      RunReport report, LabManifest manifest, Optional<String> filesHash) {
    var found = new ArrayList<String>();
    if (report.formatVersion() != RunReport.FORMAT_VERSION) {
      found.add("format version " + report.formatVersion() + ", not " + RunReport.FORMAT_VERSION);
    }
    if (!manifest.id().equals(report.lab())) {
      found.add("it is a report of lab " + report.lab() + ", not " + manifest.id());
    }
    var expected = manifest.checks();
    var checks = report.checks() == null ? List.<CheckResult>of() : report.checks();
    if (checks.size() != expected.size()) {
      found.add(checks.size() + " checks, not the lab's " + expected.size());
    }
    int score = 0;
    for (int i = 0; i < Math.min(checks.size(), expected.size()); i++) {
      var check = checks.get(i);
      var spec = expected.get(i);
      if (!spec.id().equals(check.id()) || check.maxPoints() != spec.points()) {
        found.add(
            "check "
                + (i + 1)
                + " is "
                + check.id()
                + " worth "
                + check.maxPoints()
                + ", not "
                + spec.id()
                + " worth "
                + spec.points());
      }
      int earned = check.status() == CheckStatus.PASSED ? spec.points() : 0;
      if (check.points() != earned) {
        found.add(
            check.id() + " has " + check.points() + " points for status " + check.status().label());
      }
      score += earned;
    }
    if (report.score() != score || report.maxScore() != manifest.maxScore()) {
      found.add(
          "score "
              + report.score()
              + "/"
              + report.maxScore()
              + ", while its checks add up to "
              + score
              + "/"
              + manifest.maxScore());
    }
    filesHash.ifPresent(
        hash -> {
          var recorded = report.provenance() == null ? null : report.provenance().filesHash();
          if (!hash.equals(recorded)) {
            found.add(
                "it was made for other files (files hash " + recorded + ", not " + hash + ")");
          }
        });
    return found;
  }
}
