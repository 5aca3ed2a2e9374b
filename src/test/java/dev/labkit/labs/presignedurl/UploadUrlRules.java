package dev.labkit.labs.presignedurl;

import static dev.labkit.labs.presignedurl.PhotoBuckets.PHOTO;
import static org.awaitility.Awaitility.await;

import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.run.Console;
import dev.labkit.harness.sandbox.LearnerThrew;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The upload, content-type-signed and expiry checks: what an upload URL does once issued. It stores
 * the photo under uploads/&lt;user&gt;/&lt;random id&gt;-&lt;name&gt; and nowhere else, only with
 * the signed Content-Type, and only for as long as it was asked for (never over 300 s).
 */
final class UploadUrlRules {

  private static final String FILE = PhotoUrlsContract.FILE;
  static final Duration UPLOAD_LIMIT = Duration.ofSeconds(300);

  /**
   * Long enough that a loaded machine still uses the URL before it expires, short enough to wait.
   */
  static final Duration SHORT_VALIDITY = Duration.ofSeconds(4);

  static final List<Duration> ASKED_LIFETIMES =
      List.of(UPLOAD_LIMIT, Duration.ofHours(1), Duration.ofDays(7));

  private UploadUrlRules() {}

  static List<Problem> upload(PhotoUrlsTrial trial) {
    var problems = new ArrayList<Problem>();
    var first = trial.upload("alice", "photo.jpg", "image/jpeg", Duration.ofSeconds(120));
    var second = trial.upload("alice", "photo.jpg", "image/jpeg", Duration.ofSeconds(120));
    var key = trial.keyOf(first);
    problems.addAll(key(key));
    problems.addAll(distinctKeys(key, trial.keyOf(second)));
    var upload = trial.put(first, "image/jpeg", PHOTO);
    problems.addAll(stored(upload));
    if (upload.status() == 200) {
      var bucket = trial.bucket();
      var stored = bucket.client().headObject(r -> r.bucket(bucket.name()).key(key));
      problems.addAll(storedType(stored.contentType()));
    }
    problems.addAll(
        otherKeyRefused(
            trial.putAtKey(first, "uploads/alice/not-the-signed-key.jpg", "image/jpeg", PHOTO)));
    return problems;
  }

  static List<Problem> contentTypeSigned(PhotoUrlsTrial trial) {
    var issued = trial.upload("alice", "photo.jpg", "image/jpeg", Duration.ofSeconds(120));
    return otherTypeRefused(trial.put(issued, "text/html", "<script>alert(1)</script>".getBytes()));
  }

  static List<Problem> expiry(PhotoUrlsTrial trial, Console console) {
    var problems = new ArrayList<Problem>();
    var shortLived = trial.upload("alice", "soon.jpg", "image/jpeg", SHORT_VALIDITY);
    problems.addAll(freshUrlWorks(trial.put(shortLived, "image/jpeg", PHOTO)));
    try {
      console.step(
          "waiting for the 4-second upload URL to expire (at most 30 s)",
          () ->
              await("upload URL valid for 4 s to stop working")
                  .atMost(Duration.ofSeconds(30))
                  .pollInterval(Duration.ofSeconds(1))
                  .until(() -> trial.put(shortLived, "image/jpeg", PHOTO).status() == 403));
    } catch (ConditionTimeoutException e) {
      problems.addAll(outlived(trial.put(shortLived, "image/jpeg", PHOTO).status()));
    }
    for (var asked : ASKED_LIFETIMES) {
      try {
        var issued = trial.uploadUrl("alice", "photo.jpg", "image/jpeg", asked);
        problems.addAll(lifetime(asked, trial.lifetime(issued)));
      } catch (LearnerThrew refused) {
        problems.addAll(refusedLifetime(asked, refused));
      }
    }
    return problems;
  }

  static List<Problem> key(String key) {
    if (key.startsWith("uploads/alice/")
        && key.endsWith("-photo.jpg")
        && key.length() > "uploads/alice/-photo.jpg".length()) {
      return List.of();
    }
    return List.of(
        Problem.in(FILE, "the upload key must be uploads/<user>/<random id>-<file name>")
            .expected("uploads/alice/<random id>-photo.jpg")
            .actual(key)
            .hint(
                "Build the key from the user, a random id (UUID.randomUUID()) and the cleaned file name."));
  }

  static List<Problem> distinctKeys(String first, String second) {
    if (!first.equals(second)) {
      return List.of();
    }
    return List.of(
        Problem.in(
                FILE,
                "two uploads of photo.jpg got the same key, so the second would overwrite the first")
            .actual(first + " twice")
            .hint("Put a random id in every key, for example UUID.randomUUID()."));
  }

  static List<Problem> stored(S3Answer upload) {
    if (upload.status() == 200) {
      return List.of();
    }
    return List.of(
        Problem.in(FILE, "uploading a JPEG with the upload URL failed")
            .expected("200 OK for PUT with Content-Type: image/jpeg")
            .actual(upload.error())
            .hint(
                "Presign a PutObjectRequest for the bucket and key, with contentType(contentType)."));
  }

  static List<Problem> storedType(String contentType) {
    if ("image/jpeg".equals(contentType)) {
      return List.of();
    }
    return List.of(
        Problem.in(FILE, "the stored photo has the wrong Content-Type")
            .expected("image/jpeg")
            .actual(String.valueOf(contentType)));
  }

  static List<Problem> otherKeyRefused(S3Answer tampered) {
    if (tampered.status() == 403) {
      return List.of();
    }
    return List.of(
        Problem.of("an upload URL whose key was changed still worked")
            .expected("403, because the signature covers the key")
            .actual(tampered.error())
            .hint(
                "Only URLs from S3Presigner are signed; never build upload URLs by string concatenation."));
  }

  static List<Problem> otherTypeRefused(S3Answer asHtml) {
    if (asHtml.status() == 403) {
      return List.of();
    }
    return List.of(
        Problem.in(FILE, "a URL issued for image/jpeg accepted an upload sent as text/html")
            .expected("403 SignatureDoesNotMatch")
            .actual(asHtml.error())
            .hint(
                "Set .contentType(contentType) on the PutObjectRequest you presign: then Content-Type is part of the signature and the browser must send exactly that type."));
  }

  static List<Problem> freshUrlWorks(S3Answer beforeExpiry) {
    if (beforeExpiry.status() == 200) {
      return List.of();
    }
    return List.of(
        Problem.in(FILE, "a fresh upload URL (valid for 4 s) did not work at once")
            .expected("200 OK right after it was issued")
            .actual(beforeExpiry.error())
            .hint("Pass validFor to PutObjectPresignRequest.signatureDuration(...)."));
  }

  /** The short-lived URL still answered {@code status} after the wait. */
  static List<Problem> outlived(int status) {
    return List.of(
        Problem.in(FILE, "an upload URL requested for 4 seconds still worked after 30 seconds")
            .expected("403 once validFor has passed")
            .actual("status " + status)
            .hint("Pass validFor to PutObjectPresignRequest.signatureDuration(...)."));
  }

  static List<Problem> lifetime(Duration asked, Optional<Long> lifetime) {
    if (asked.compareTo(UPLOAD_LIMIT) <= 0) {
      return lifetimeAsAsked(asked, lifetime);
    }
    if (lifetime.isPresent() && lifetime.get() <= UPLOAD_LIMIT.toSeconds()) {
      return List.of();
    }
    return List.of(
        Problem.in(
                FILE,
                "asked for " + asked.toSeconds() + " s, the upload URL lives longer than 300 s")
            .expected("at most 300 s (X-Amz-Expires ≤ 300), or an exception")
            .actual(lifetime.map(seconds -> seconds + " s").orElse("no X-Amz-Expires in the URL"))
            .hint(
                "Cap validFor at 5 minutes, or refuse longer requests with an IllegalArgumentException."));
  }

  /** Up to the limit, the caller chooses: the URL lives exactly as long as it was asked to. */
  static List<Problem> lifetimeAsAsked(Duration asked, Optional<Long> lifetime) {
    if (lifetime.equals(Optional.of(asked.toSeconds()))) {
      return List.of();
    }
    return List.of(
        Problem.in(
                FILE,
                "asked for "
                    + asked.toSeconds()
                    + " s (allowed: at most 300 s), the upload URL does not live that long")
            .expected(asked.toSeconds() + " s (X-Amz-Expires=" + asked.toSeconds() + ")")
            .actual(lifetime.map(seconds -> seconds + " s").orElse("no X-Amz-Expires in the URL"))
            .hint(
                "Cap or refuse only validities over 300 s; up to 300 s, pass validFor to signatureDuration(...) as it is."));
  }

  /** Refusing a too long validity is right; refusing the limit itself is not. */
  static List<Problem> refusedLifetime(Duration asked, LearnerThrew refused) {
    var problems =
        new ArrayList<>(Refusal.judge(refused, "uploadUrl for " + asked.toSeconds() + " s"));
    if (asked.equals(UPLOAD_LIMIT) && refused.kind() == LearnerThrew.Kind.THREW) {
      problems.add(
          refused
              .asProblem(FILE, "asking for exactly 300 s, the limit itself,")
              .hint("300 s is allowed; only longer validities are too long."));
    }
    return problems;
  }
}
