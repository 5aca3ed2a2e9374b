package dev.labkit.labs.presignedurl;

import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.sandbox.LearnerThrew;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The download check: alice gets a GET URL for her own photo that lives at most 60 s; nobody gets
 * one for another user's photo, not even a user whose name starts the same ("ann" and "anna").
 */
final class DownloadUrlRules {

  private static final String FILE = PhotoUrlsContract.FILE;
  static final Duration DOWNLOAD_LIMIT = Duration.ofSeconds(60);
  static final String ALICES_KEY = "uploads/alice/0b1c2d3e-photo.jpg";

  private DownloadUrlRules() {}

  static List<Problem> download(PhotoUrlsTrial trial) {
    var problems = new ArrayList<Problem>();
    PhotoBuckets.storePhoto(trial.bucket(), ALICES_KEY);
    try {
      var issued = trial.downloadUrl("alice", ALICES_KEY);
      problems.addAll(ownerDownloads(trial.get(issued)));
      problems.addAll(method(issued.method()));
      problems.addAll(lifetime(trial.lifetime(issued)));
    } catch (LearnerThrew e) {
      problems.addAll(List.of(e.asProblem(FILE, "downloadUrl(\"alice\", her own key)")));
    }
    problems.addAll(
        othersKey(
            trial,
            "bob",
            ALICES_KEY,
            "bob got a download URL for alice's photo",
            "Allow only keys that start with \"uploads/\" + user + \"/\"."));
    problems.addAll(
        othersKey(
            trial,
            "ann",
            "uploads/anna/5e6f-photo.jpg",
            "ann got a download URL for anna's photo",
            "Compare with the prefix including its trailing slash: \"uploads/ann\" is also the start of \"uploads/anna/…\"."));
    return problems;
  }

  static List<Problem> ownerDownloads(S3Answer download) {
    if (download.status() == 200 && Arrays.equals(download.body(), PhotoBuckets.PHOTO)) {
      return List.of();
    }
    return List.of(
        Problem.in(FILE, "alice could not download her own photo with the download URL")
            .expected("200 and the photo's bytes")
            .actual(download.error())
            .hint("Presign a GetObjectRequest for the bucket and the key as given."));
  }

  static List<Problem> method(String method) {
    if ("GET".equals(method)) {
      return List.of();
    }
    return List.of(
        Problem.in(FILE, "the download URL is not a GET")
            .expected("GET (a browser follows a download link with GET)")
            .actual(method)
            .hint(
                "Presign a GetObjectRequest with S3Presigner.presignGetObject(...); a URL presigned for PUT only uploads."));
  }

  static List<Problem> lifetime(Optional<Long> lifetime) {
    if (lifetime.isPresent() && lifetime.get() <= DOWNLOAD_LIMIT.toSeconds()) {
      return List.of();
    }
    return List.of(
        Problem.in(FILE, "the download URL lives too long")
            .expected("at most 60 s (X-Amz-Expires ≤ 60)")
            .actual(lifetime.map(seconds -> seconds + " s").orElse("no X-Amz-Expires in the URL"))
            .hint("Use GetObjectPresignRequest.signatureDuration(Duration.ofSeconds(60))."));
  }

  /** {@code user} asks for {@code key}, which is not theirs: only an exception is right. */
  private static List<Problem> othersKey(
      PhotoUrlsTrial trial, String user, String key, String what, String hint) {
    try {
      trial.downloadUrl(user, key);
      return othersKeyIssued(user, key, what, hint);
    } catch (LearnerThrew refused) {
      return Refusal.judge(refused, "downloadUrl(\"" + user + "\", \"" + key + "\")");
    }
  }

  static List<Problem> othersKeyIssued(String user, String key, String what, String hint) {
    return List.of(
        Problem.in(FILE, what)
            .expected(
                "an exception: " + user + " may only download keys under uploads/" + user + "/")
            .actual("a download URL for " + key)
            .hint(hint));
  }
}
