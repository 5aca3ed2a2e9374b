package dev.labkit.labs.presignedurl;

import static dev.labkit.labs.presignedurl.RecordedS3.answer;
import static dev.labkit.labs.presignedurl.RecordedS3.keyOf;
import static dev.labkit.labs.presignedurl.RecordedS3.lifetime;
import static dev.labkit.labs.presignedurl.RecordedS3.upload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.labkit.harness.sandbox.LearnerThrew;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The upload, content-type-signed and expiry rules on URLs and S3 answers recorded. */
class UploadUrlRulesTest {

  @Test
  void theSolutionsKeysHaveARandomIdAndDiffer() throws Exception {
    var first = keyOf(upload("solution", "photo.jpg", "image/jpeg", 120));
    var second = keyOf(upload("solution", "photo.jpg", "image/jpeg", 300));

    assertThat(UploadUrlRules.key(first)).isEmpty();
    assertThat(UploadUrlRules.distinctKeys(first, second)).isEmpty();
  }

  @Test
  void aKeyWithoutRandomIdIsShownAndRepeats() throws Exception {
    var key = keyOf(upload("upload-key-without-random-id", "photo.jpg", "image/jpeg", 120));
    var again = keyOf(upload("upload-key-without-random-id", "photo.jpg", "image/jpeg", 300));

    assertThat(key).isEqualTo("uploads/alice/photo-photo.jpg");
    // "photo-photo.jpg" ends in -photo.jpg after a non-empty part: the shape alone passes it.
    assertThat(UploadUrlRules.key(key)).isEmpty();
    assertThat(UploadUrlRules.distinctKeys(key, again))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message())
                  .isEqualTo(
                      "two uploads of photo.jpg got the same key, so the second would overwrite the first");
              assertThat(p.actual()).isEqualTo("uploads/alice/photo-photo.jpg twice");
            });
  }

  @Test
  void aKeyOutsideTheUsersFolderIsNamed() {
    assertThat(UploadUrlRules.key("photo.jpg"))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.file()).isEqualTo("src/main/java/photos/PhotoUrls.java");
              assertThat(p.expected()).isEqualTo("uploads/alice/<random id>-photo.jpg");
              assertThat(p.actual()).isEqualTo("photo.jpg");
            });
    assertThat(UploadUrlRules.key("uploads/alice/-photo.jpg")).hasSize(1);
  }

  @Test
  void s3StoresTheSolutionsUploadAndRefusesAnotherKey() {
    assertThat(UploadUrlRules.stored(answer("put-jpeg-solution"))).isEmpty();
    assertThat(UploadUrlRules.otherKeyRefused(answer("put-other-key-solution"))).isEmpty();
    assertThat(UploadUrlRules.storedType("image/jpeg")).isEmpty();
  }

  @Test
  void aFailedUploadQuotesS3sError() {
    assertThat(UploadUrlRules.stored(answer("put-html-solution")))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message()).isEqualTo("uploading a JPEG with the upload URL failed");
              assertThat(p.actual()).startsWith("403 SignatureDoesNotMatch (");
            });
  }

  @Test
  void anAcceptedTamperedUploadIsAProblemWithoutFile() {
    assertThat(UploadUrlRules.otherKeyRefused(answer("put-jpeg-solution")))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.file()).isNull();
              assertThat(p.actual()).isEqualTo("HTTP/1.1 200 OK");
            });
  }

  @Test
  void aStoredPhotoWithoutTypeShowsNull() {
    assertThat(UploadUrlRules.storedType(null))
        .singleElement()
        .satisfies(p -> assertThat(p.actual()).isEqualTo("null"));
  }

  @Test
  void theSignedContentTypeRefusesHtmlUnsignedItDoesNot() {
    assertThat(UploadUrlRules.otherTypeRefused(answer("put-html-solution"))).isEmpty();
    assertThat(UploadUrlRules.otherTypeRefused(answer("put-html-content-type-not-signed")))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message())
                  .isEqualTo("a URL issued for image/jpeg accepted an upload sent as text/html");
              assertThat(p.actual()).isEqualTo("HTTP/1.1 200 OK");
            });
  }

  @Test
  void anExpiredUrlIsRefusedAndAFreshOneWorks() {
    var expired = answer("put-expired-solution");

    assertThat(expired.status()).isEqualTo(403);
    assertThat(UploadUrlRules.freshUrlWorks(answer("put-jpeg-solution"))).isEmpty();
    assertThat(UploadUrlRules.freshUrlWorks(expired))
        .singleElement()
        .satisfies(p -> assertThat(p.actual()).startsWith("403 AccessDenied"));
    assertThat(UploadUrlRules.outlived(200))
        .singleElement()
        .satisfies(p -> assertThat(p.actual()).isEqualTo("status 200"));
  }

  @Test
  void theSolutionSignsAtMostThreeHundredSecondsAndRefusesLonger() throws Exception {
    assertThat(lifetime(upload("solution", "photo.jpg", "image/jpeg", 300))).contains(300L);
    assertThat(UploadUrlRules.lifetime(Duration.ofSeconds(300), Optional.of(300L))).isEmpty();
    try {
      upload("solution", "photo.jpg", "image/jpeg", 3600);
      throw new AssertionError("the solution refuses an hour");
    } catch (LearnerThrew refused) {
      assertThat(UploadUrlRules.refusedLifetime(Duration.ofHours(1), refused)).isEmpty();
    }
  }

  @Test
  void anUncappedLifetimeIsQuotedInSeconds() throws Exception {
    var week = lifetime(upload("expiry-not-capped", "photo.jpg", "image/jpeg", 604800));

    assertThat(UploadUrlRules.lifetime(Duration.ofDays(7), week))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message())
                  .isEqualTo("asked for 604800 s, the upload URL lives longer than 300 s");
              assertThat(p.actual()).isEqualTo("604800 s");
            });
    assertThat(UploadUrlRules.lifetime(Duration.ofHours(1), Optional.empty()))
        .singleElement()
        .satisfies(p -> assertThat(p.actual()).isEqualTo("no X-Amz-Expires in the URL"));
  }

  @Test
  void aLifetimeCutBelowWhatWasAskedIsNamed() {
    // A learner who caps every URL at 60 s (mistake expiry-capped-at-60s): X-Amz-Expires=60.
    assertThat(UploadUrlRules.lifetime(Duration.ofSeconds(300), Optional.of(60L)))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message())
                  .isEqualTo(
                      "asked for 300 s (allowed: at most 300 s), the upload URL does not live that long");
              assertThat(p.expected()).isEqualTo("300 s (X-Amz-Expires=300)");
              assertThat(p.actual()).isEqualTo("60 s");
            });
    // Over the limit, a cap (here at 60 s) is right.
    assertThat(UploadUrlRules.lifetime(Duration.ofHours(1), Optional.of(60L))).isEmpty();
  }

  @Test
  void refusingTheLimitItselfIsWrong() {
    var refused = LearnerThrew.threw("IllegalArgumentException", "too long");

    assertThat(UploadUrlRules.refusedLifetime(Duration.ofSeconds(300), refused))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message())
                  .isEqualTo(
                      "asking for exactly 300 s, the limit itself, threw IllegalArgumentException: too long");
              assertThat(p.hint())
                  .isEqualTo("300 s is allowed; only longer validities are too long.");
            });
  }

  @Test
  void aCallOutOfTimeRefusesNothing() {
    var timedOut = LearnerThrew.timedOut("uploadUrl", Duration.ofSeconds(10));

    assertThat(UploadUrlRules.refusedLifetime(Duration.ofSeconds(300), timedOut))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message())
                  .isEqualTo(
                      "uploadUrl for 300 s threw TimeoutException: uploadUrl did not return within 10 s");
              assertThat(p.expected()).isEqualTo("a URL, or an exception that refuses the request");
            });
  }
}
