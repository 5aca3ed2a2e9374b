package dev.labkit.labs.presignedurl;

import dev.labkit.harness.feedback.Feedback;
import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.http.CorsProbe;
import dev.labkit.harness.lab.Check;
import dev.labkit.harness.lab.Lab;
import dev.labkit.harness.run.LabContext;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;

/**
 * Checks of the presigned-url lab: a photo app whose browser uploads go straight to S3 through
 * short-lived presigned URLs. Each check uses a fresh bucket ({@link PhotoBuckets}); the checks
 * that call the learner's PhotoUrls ({@link PhotoUrlsCode}, {@link PhotoUrlsTrial}) need
 * code-compiles to pass (lab.yaml). The rule classes judge; this class only orchestrates.
 */
@Lab("presigned-url")
class PresignedUrlChecks {

  private LabContext lab;
  private PhotoBuckets buckets;
  private PhotoUrlsCode code;

  @BeforeAll
  void open(LabContext lab) {
    this.lab = lab;
    this.buckets = new PhotoBuckets(lab);
    this.code = new PhotoUrlsCode(lab);
  }

  @Check("code-compiles")
  void codeCompiles() {
    assertNone(code.problems());
  }

  @Check("cors-json")
  void corsJsonIsValidAndAccepted() {
    buckets.assertAccepted(PhotoBuckets.CORS);
  }

  @Check("lifecycle-json")
  void lifecycleJsonIsValidAndAccepted() {
    buckets.assertAccepted(PhotoBuckets.LIFECYCLE);
  }

  @Check("lifecycle-rules")
  void lifecycleRulesDoWhatTheAppNeeds() {
    var feedback = new Feedback();
    try (var bucket = buckets.with(PhotoBuckets.LIFECYCLE, "lifecycle-rules", "lifecycle-json")) {
      PhotoAppLifecycle.check(
          PhotoBuckets.storedLifecycle(bucket), PhotoBuckets.LIFECYCLE.path(), feedback);
    }
    feedback.assertNone();
  }

  @Check("upload")
  void uploadUrlWorksForItsKeyOnly() {
    try (var bucket = buckets.fresh("upload")) {
      assertNone(UploadUrlRules.upload(code.trial(bucket)));
    }
  }

  @Check("content-type-signed")
  void uploadUrlRejectsOtherContentType() {
    try (var bucket = buckets.fresh("content-type")) {
      assertNone(UploadUrlRules.contentTypeSigned(code.trial(bucket)));
    }
  }

  @Check("expiry")
  void uploadUrlsExpire() {
    try (var bucket = buckets.fresh("expiry")) {
      assertNone(UploadUrlRules.expiry(code.trial(bucket), lab.console()));
    }
  }

  @Check("allowed-types")
  void onlyJpegAndPngGetAUrl() {
    try (var bucket = buckets.fresh("types")) {
      assertNone(UploadRequestRules.allowedTypes(code.trial(bucket)));
    }
  }

  @Check("file-name-traversal")
  void hostileFileNamesStayInsideTheUsersPrefix() {
    try (var bucket = buckets.fresh("traversal")) {
      assertNone(UploadRequestRules.fileNameTraversal(code.trial(bucket)));
    }
  }

  @Check("download")
  void downloadUrlsWorkForTheOwnerOnly() {
    try (var bucket = buckets.fresh("download")) {
      assertNone(DownloadUrlRules.download(code.trial(bucket)));
    }
  }

  @Check("cors-preflight")
  void browserAppMayUploadOtherSitesMayNot() {
    try (var bucket = buckets.with(PhotoBuckets.CORS, "cors", "cors-json")) {
      var key = "uploads/alice/0a1b-photo.jpg";
      PhotoBuckets.storePhoto(bucket, key);
      assertNone(CorsPreflightRules.judge(new CorsProbe(bucket.objectUri(key))));
    }
  }

  private static void assertNone(List<Problem> problems) {
    var feedback = new Feedback();
    problems.forEach(feedback::add);
    feedback.assertNone();
  }
}
