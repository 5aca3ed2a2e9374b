package dev.labkit.labs.presignedurl;

import dev.labkit.harness.feedback.Feedback;
import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.s3.LifecycleRules;
import java.util.List;
import java.util.Optional;

/**
 * What the photo app needs from its bucket's lifecycle rules, judged on the rules S3 stored:
 * temporary files expire after a day, photos never, and unfinished multipart uploads anywhere are
 * aborted after a day. Sample keys stand for the two kinds of object the app writes.
 */
final class PhotoAppLifecycle {

  static final String TEMPORARY_KEY = "tmp/upload-1234.part";
  static final String PHOTO_KEY = "uploads/alice/1f2e-photo.jpg";

  /** Outside both prefixes: "anywhere in the bucket" means here too. */
  static final String OTHER_KEY = "exports/2026-11.csv";

  private PhotoAppLifecycle() {}

  static void check(LifecycleRules rules, String file, Feedback feedback) {
    feedback.expect(
        rules.expirationDays(TEMPORARY_KEY).equals(Optional.of(1)),
        () ->
            Problem.in(file, "objects under tmp/ must expire one day after they are written")
                .expected("an enabled rule for prefix \"tmp/\" with \"Expiration\": {\"Days\": 1}")
                .actual(
                    rules
                        .expirationDays(TEMPORARY_KEY)
                        .map(days -> "they expire after " + days + " days")
                        .orElse("no enabled rule expires tmp/upload-1234.part"))
                .hint(
                    "Use \"Filter\": {\"Prefix\": \"tmp/\"} and \"Status\": \"Enabled\"; a rule applies only to keys starting with its prefix."));
    feedback.expect(
        rules.expirationDays(PHOTO_KEY).isEmpty() && !rules.expiresByDate(PHOTO_KEY),
        () ->
            Problem.in(file, "users' photos must never expire")
                .expected("no expiration for uploads/alice/1f2e-photo.jpg")
                .actual(
                    rules
                        .expirationDays(PHOTO_KEY)
                        .map(days -> "it expires after " + days + " days")
                        .orElse("it expires on a fixed date"))
                .hint(
                    "An expiration rule without a prefix filter applies to the whole bucket. Narrow it with \"Filter\": {\"Prefix\": \"tmp/\"}."));
    for (var key : List.of(PHOTO_KEY, TEMPORARY_KEY, OTHER_KEY)) {
      var abortDays = rules.abortIncompleteUploadDays(key);
      feedback.expect(
          abortDays.equals(Optional.of(1)),
          () ->
              Problem.in(
                      file,
                      "an unfinished multipart upload to " + key + " must be aborted after one day")
                  .expected(
                      "\"AbortIncompleteMultipartUpload\": {\"DaysAfterInitiation\": 1} in an enabled rule that covers every key")
                  .actual(
                      abortDays
                          .map(days -> "aborted after " + days + " days")
                          .orElse("no rule aborts it"))
                  .hint(
                      "Incomplete uploads are invisible in listings but still billed. Put the abort in a rule whose filter is empty (\"Filter\": {}) so it covers the whole bucket, not only tmp/."));
    }
  }
}
