package dev.labkit.labs.presignedurl;

import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.sandbox.LearnerThrew;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The allowed-types and file-name-traversal checks: which upload requests get a URL at all (JPEG
 * and PNG only), and that a hostile file name cannot put the key outside uploads/&lt;user&gt;/.
 */
final class UploadRequestRules {

  private static final String FILE = PhotoUrlsContract.FILE;
  static final List<String> ALLOWED_TYPES = List.of("image/jpeg", "image/png");
  static final List<String> REFUSED_TYPES =
      List.of(
          "image/gif", "image/svg+xml", "text/html", "application/pdf", "application/octet-stream");
  static final List<String> HOSTILE_NAMES =
      List.of(
          "../../etc/passwd",
          "../bob/photo.jpg",
          "a/b/../../../c.png",
          "/etc/hosts",
          "..\\..\\boot.ini");

  private UploadRequestRules() {}

  static List<Problem> allowedTypes(PhotoUrlsTrial trial) {
    var problems = new ArrayList<Problem>();
    for (var allowed : ALLOWED_TYPES) {
      try {
        trial.uploadUrl(
            "alice",
            allowed.equals("image/png") ? "photo.png" : "photo.jpg",
            allowed,
            Duration.ofSeconds(60));
      } catch (LearnerThrew e) {
        problems.addAll(allowedTypeRefused(allowed, e));
      }
    }
    for (var refused : REFUSED_TYPES) {
      try {
        var issued = trial.uploadUrl("alice", "photo", refused, Duration.ofSeconds(60));
        problems.addAll(refusedTypeIssued(refused, trial.keyOf(issued)));
      } catch (LearnerThrew expected) {
        problems.addAll(Refusal.judge(expected, "uploadUrl for " + refused));
      }
    }
    return problems;
  }

  static List<Problem> fileNameTraversal(PhotoUrlsTrial trial) {
    var problems = new ArrayList<Problem>();
    for (var name : HOSTILE_NAMES) {
      try {
        // JPEG, the type every other check uploads: a submission that wrongly refuses PNG fails
        // allowed-types, and must not pass this check by refusing every name.
        var issued = trial.uploadUrl("alice", name, "image/jpeg", Duration.ofSeconds(60));
        problems.addAll(keyForHostileName(name, trial.keyOf(issued)));
      } catch (LearnerThrew refused) {
        // refusing a hostile name outright is a correct answer too
        problems.addAll(Refusal.judge(refused, "uploadUrl for the file name " + quote(name)));
      }
    }
    return problems;
  }

  static List<Problem> allowedTypeRefused(String allowed, LearnerThrew refusal) {
    return List.of(
        refusal
            .asProblem(FILE, "uploadUrl for " + allowed)
            .expected("a URL: " + allowed + " is allowed"));
  }

  /** A URL came back for a type that must be refused; {@code key}: the key it was signed for. */
  static List<Problem> refusedTypeIssued(String refused, String key) {
    return List.of(
        Problem.in(FILE, "a URL was issued for " + refused)
            .expected(
                "an exception before any URL is issued: only image/jpeg and image/png are allowed")
            .actual("a URL for " + key)
            .hint(
                refused.equals("image/svg+xml")
                    ? "SVG is an image type that can carry scripts; allow exactly image/jpeg and image/png, not every image/*."
                    : "Check contentType against a fixed set (Set.of(\"image/jpeg\", \"image/png\")) and throw IllegalArgumentException otherwise."));
  }

  /** The key alice's upload of {@code name} got must stay directly inside uploads/alice/. */
  static List<Problem> keyForHostileName(String name, String key) {
    var rest = key.startsWith("uploads/alice/") ? key.substring("uploads/alice/".length()) : null;
    if (rest != null && !rest.isEmpty() && !rest.contains("/")) {
      return List.of();
    }
    return List.of(
        Problem.in(FILE, "the file name " + quote(name) + " escaped the user's folder")
            .expected("a key uploads/alice/<id>-<name without / or ..>")
            .actual(key)
            .hint(
                "Keep only the last part of the name and replace everything but letters, digits, '.', '-' and '_' (for example name.replaceAll(\"[^A-Za-z0-9._-]\", \"_\")), then drop leading dots."));
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\") + "\"";
  }
}
