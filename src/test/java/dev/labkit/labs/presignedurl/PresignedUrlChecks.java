package dev.labkit.labs.presignedurl;

import static org.awaitility.Awaitility.await;

import dev.labkit.harness.feedback.CheckFailure;
import dev.labkit.harness.feedback.Feedback;
import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.http.CorsProbe;
import dev.labkit.harness.http.RawHttp;
import dev.labkit.harness.java.LearnerJava;
import dev.labkit.harness.lab.Check;
import dev.labkit.harness.lab.Lab;
import dev.labkit.harness.run.LabContext;
import dev.labkit.harness.s3.BucketConfigFile;
import dev.labkit.harness.s3.LifecycleRules;
import dev.labkit.harness.s3.PresignedUrl;
import dev.labkit.harness.s3.S3Backend;
import dev.labkit.harness.s3.S3Backends;
import dev.labkit.harness.s3.S3Bucket;
import dev.labkit.harness.sandbox.LearnerLibraries;
import dev.labkit.harness.sandbox.LearnerSandbox;
import dev.labkit.harness.sandbox.LearnerThrew;
import dev.labkit.harness.sandbox.SandboxSpec;
import dev.labkit.labs.presignedurl.sandbox.PhotoUrlsHandler;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.BucketLifecycleConfiguration;
import software.amazon.awssdk.services.s3.model.CORSConfiguration;

/**
 * Checks of the presigned-url lab: a photo app whose browser uploads go straight to S3 through
 * short-lived presigned URLs. Each check uses a fresh bucket; the S3 backend comes from {@code
 * -Dlabkit.s3} (LocalStack by default when Docker runs).
 */
@Lab("presigned-url")
class PresignedUrlChecks {

  static final BucketConfigFile<CORSConfiguration> CORS = BucketConfigFile.cors("bucket/cors.json");
  static final BucketConfigFile<BucketLifecycleConfiguration> LIFECYCLE =
      BucketConfigFile.lifecycle("bucket/lifecycle.json");
  static final String APP_ORIGIN = "http://localhost:3000";
  static final String OTHER_ORIGIN = "http://evil.example";
  static final byte[] PHOTO = {
    (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1
  };
  static final Duration UPLOAD_LIMIT = Duration.ofSeconds(300);

  /**
   * Long enough that a loaded machine still uses the URL before it expires, short enough to wait
   * for.
   */
  static final Duration SHORT_VALIDITY = Duration.ofSeconds(4);

  static final Duration DOWNLOAD_LIMIT = Duration.ofSeconds(60);

  private LabContext lab;

  @BeforeAll
  void open(LabContext lab) {
    this.lab = lab;
  }

  @Check("code-compiles")
  void codeCompiles() {
    learnerCode().feedback().assertNone();
  }

  @Check("cors-json")
  void corsJsonIsValidAndAccepted() {
    configFileIsValidAndAccepted(CORS);
  }

  @Check("lifecycle-json")
  void lifecycleJsonIsValidAndAccepted() {
    configFileIsValidAndAccepted(LIFECYCLE);
  }

  @Check("lifecycle-rules")
  void lifecycleRulesDoWhatTheAppNeeds() {
    var feedback = new Feedback();
    try (var bucket = bucketWith(LIFECYCLE, "lifecycle-rules", "lifecycle-json")) {
      // Read back what S3 stored: that is what S3 will act on, whatever the file's spelling.
      var rules =
          new LifecycleRules(
              bucket
                  .client()
                  .getBucketLifecycleConfiguration(r -> r.bucket(bucket.name()))
                  .rules());
      PhotoAppLifecycle.check(rules, LIFECYCLE.path(), feedback);
    }
    feedback.assertNone();
  }

  @Check("upload")
  void uploadUrlWorksForItsKeyOnly() {
    var feedback = new Feedback();
    try (var bucket = bucket("upload")) {
      var urls = photoUrls(bucket);
      var first = issueUpload(urls, "alice", "photo.jpg", "image/jpeg", Duration.ofSeconds(120));
      var second = issueUpload(urls, "alice", "photo.jpg", "image/jpeg", Duration.ofSeconds(120));
      var key = keyOf(bucket, first.url());
      feedback.expect(
          key.startsWith("uploads/alice/")
              && key.endsWith("-photo.jpg")
              && key.length() > "uploads/alice/-photo.jpg".length(),
          () ->
              Problem.in(
                      PhotoUrlsContract.FILE,
                      "the upload key must be uploads/<user>/<random id>-<file name>")
                  .expected("uploads/alice/<random id>-photo.jpg")
                  .actual(key)
                  .hint(
                      "Build the key from the user, a random id (UUID.randomUUID()) and the cleaned file name."));
      feedback.expect(
          !key.equals(keyOf(bucket, second.url())),
          () ->
              Problem.in(
                      PhotoUrlsContract.FILE,
                      "two uploads of photo.jpg got the same key, so the second would overwrite the first")
                  .actual(key + " twice")
                  .hint("Put a random id in every key, for example UUID.randomUUID()."));
      var upload =
          RawHttp.putSigned(uri(bucket, first.url()), first.signedHeaders(), "image/jpeg", PHOTO);
      if (feedback.expect(
          upload.statusCode() == 200,
          () ->
              Problem.in(PhotoUrlsContract.FILE, "uploading a JPEG with the upload URL failed")
                  .expected("200 OK for PUT with Content-Type: image/jpeg")
                  .actual(RawHttp.s3Error(upload))
                  .hint(
                      "Presign a PutObjectRequest for the bucket and key, with contentType(contentType)."))) {
        var stored = bucket.client().headObject(r -> r.bucket(bucket.name()).key(key));
        feedback.expect(
            "image/jpeg".equals(stored.contentType()),
            () ->
                Problem.in(PhotoUrlsContract.FILE, "the stored photo has the wrong Content-Type")
                    .expected("image/jpeg")
                    .actual(String.valueOf(stored.contentType())));
      }
      var tampered =
          PresignedUrl.of(first.url(), bucket.name())
              .withKey("uploads/alice/not-the-signed-key.jpg");
      var tamperedUpload = RawHttp.putSigned(tampered, first.signedHeaders(), "image/jpeg", PHOTO);
      feedback.expect(
          tamperedUpload.statusCode() == 403,
          () ->
              Problem.of("an upload URL whose key was changed still worked")
                  .expected("403, because the signature covers the key")
                  .actual(RawHttp.s3Error(tamperedUpload))
                  .hint(
                      "Only URLs from S3Presigner are signed; never build upload URLs by string concatenation."));
    }
    feedback.assertNone();
  }

  @Check("content-type-signed")
  void uploadUrlRejectsOtherContentType() {
    var feedback = new Feedback();
    try (var bucket = bucket("content-type")) {
      var urls = photoUrls(bucket);
      var issued = issueUpload(urls, "alice", "photo.jpg", "image/jpeg", Duration.ofSeconds(120));
      var response =
          RawHttp.putSigned(
              uri(bucket, issued.url()),
              issued.signedHeaders(),
              "text/html",
              "<script>alert(1)</script>".getBytes());
      feedback.expect(
          response.statusCode() == 403,
          () ->
              Problem.in(
                      PhotoUrlsContract.FILE,
                      "a URL issued for image/jpeg accepted an upload sent as text/html")
                  .expected("403 SignatureDoesNotMatch")
                  .actual(RawHttp.s3Error(response))
                  .hint(
                      "Set .contentType(contentType) on the PutObjectRequest you presign: then Content-Type is part of the signature and the browser must send exactly that type."));
    }
    feedback.assertNone();
  }

  @Check("expiry")
  void uploadUrlsExpire() {
    var feedback = new Feedback();
    try (var bucket = bucket("expiry")) {
      var urls = photoUrls(bucket);
      var shortLived = issueUpload(urls, "alice", "soon.jpg", "image/jpeg", SHORT_VALIDITY);
      var url = uri(bucket, shortLived.url());
      var beforeExpiry = RawHttp.putSigned(url, shortLived.signedHeaders(), "image/jpeg", PHOTO);
      feedback.expect(
          beforeExpiry.statusCode() == 200,
          () ->
              Problem.in(
                      PhotoUrlsContract.FILE,
                      "a fresh upload URL (valid for 4 s) did not work at once")
                  .expected("200 OK right after it was issued")
                  .actual(RawHttp.s3Error(beforeExpiry))
                  .hint("Pass validFor to PutObjectPresignRequest.signatureDuration(...)."));
      try {
        lab.console()
            .step(
                "waiting for the 4-second upload URL to expire (at most 30 s)",
                () ->
                    await("upload URL valid for 4 s to stop working")
                        .atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofSeconds(1))
                        .until(
                            () ->
                                RawHttp.putSigned(
                                            url, shortLived.signedHeaders(), "image/jpeg", PHOTO)
                                        .statusCode()
                                    == 403));
      } catch (ConditionTimeoutException e) {
        feedback.add(
            Problem.in(
                    PhotoUrlsContract.FILE,
                    "an upload URL requested for 4 seconds still worked after 30 seconds")
                .expected("403 once validFor has passed")
                .actual(
                    "status "
                        + RawHttp.putSigned(url, shortLived.signedHeaders(), "image/jpeg", PHOTO)
                            .statusCode())
                .hint("Pass validFor to PutObjectPresignRequest.signatureDuration(...)."));
      }
      for (var asked : List.of(UPLOAD_LIMIT, Duration.ofHours(1), Duration.ofDays(7))) {
        try {
          var issued = urls.uploadUrl("alice", "photo.jpg", "image/jpeg", asked);
          var lifetime = expiresSeconds(bucket, issued.url());
          feedback.expect(
              lifetime.isPresent() && lifetime.get() <= UPLOAD_LIMIT.toSeconds(),
              () ->
                  Problem.in(
                          PhotoUrlsContract.FILE,
                          "asked for "
                              + asked.toSeconds()
                              + " s, the upload URL lives longer than 300 s")
                      .expected("at most 300 s (X-Amz-Expires ≤ 300), or an exception")
                      .actual(
                          lifetime
                              .map(seconds -> seconds + " s")
                              .orElse("no X-Amz-Expires in the URL"))
                      .hint(
                          "Cap validFor at 5 minutes, or refuse longer requests with an IllegalArgumentException."));
        } catch (LearnerThrew refused) {
          expectRefusal(refused, feedback, "uploadUrl for " + asked.toSeconds() + " s");
          feedback.expect(
              !asked.equals(UPLOAD_LIMIT) || refused.kind() != LearnerThrew.Kind.THREW,
              () ->
                  refused
                      .asProblem(
                          PhotoUrlsContract.FILE, "asking for exactly 300 s, the limit itself,")
                      .hint("300 s is allowed; only longer validities are too long."));
        }
      }
    }
    feedback.assertNone();
  }

  @Check("allowed-types")
  void onlyJpegAndPngGetAUrl() {
    var feedback = new Feedback();
    try (var bucket = bucket("types")) {
      var urls = photoUrls(bucket);
      for (var allowed : List.of("image/jpeg", "image/png")) {
        try {
          urls.uploadUrl(
              "alice",
              allowed.equals("image/png") ? "photo.png" : "photo.jpg",
              allowed,
              Duration.ofSeconds(60));
        } catch (LearnerThrew e) {
          feedback.add(
              e.asProblem(PhotoUrlsContract.FILE, "uploadUrl for " + allowed)
                  .expected("a URL: " + allowed + " is allowed"));
        }
      }
      for (var refused :
          List.of(
              "image/gif",
              "image/svg+xml",
              "text/html",
              "application/pdf",
              "application/octet-stream")) {
        try {
          var issued = urls.uploadUrl("alice", "photo", refused, Duration.ofSeconds(60));
          feedback.add(
              Problem.in(PhotoUrlsContract.FILE, "a URL was issued for " + refused)
                  .expected(
                      "an exception before any URL is issued: only image/jpeg and image/png are allowed")
                  .actual("a URL for " + keyOf(bucket, issued.url()))
                  .hint(
                      refused.equals("image/svg+xml")
                          ? "SVG is an image type that can carry scripts; allow exactly image/jpeg and image/png, not every image/*."
                          : "Check contentType against a fixed set (Set.of(\"image/jpeg\", \"image/png\")) and throw IllegalArgumentException otherwise."));
        } catch (LearnerThrew expected) {
          expectRefusal(expected, feedback, "uploadUrl for " + refused);
        }
      }
    }
    feedback.assertNone();
  }

  @Check("file-name-traversal")
  void hostileFileNamesStayInsideTheUsersPrefix() {
    var feedback = new Feedback();
    try (var bucket = bucket("traversal")) {
      var urls = photoUrls(bucket);
      for (var name :
          List.of(
              "../../etc/passwd",
              "../bob/photo.jpg",
              "a/b/../../../c.png",
              "/etc/hosts",
              "..\\..\\boot.ini")) {
        try {
          var key =
              keyOf(
                  bucket, urls.uploadUrl("alice", name, "image/png", Duration.ofSeconds(60)).url());
          var rest =
              key.startsWith("uploads/alice/") ? key.substring("uploads/alice/".length()) : null;
          feedback.expect(
              rest != null && !rest.isEmpty() && !rest.contains("/"),
              () ->
                  Problem.in(
                          PhotoUrlsContract.FILE,
                          "the file name " + quote(name) + " escaped the user's folder")
                      .expected("a key uploads/alice/<id>-<name without / or ..>")
                      .actual(key)
                      .hint(
                          "Keep only the last part of the name and replace everything but letters, digits, '.', '-' and '_' (for example name.replaceAll(\"[^A-Za-z0-9._-]\", \"_\")), then drop leading dots."));
        } catch (LearnerThrew refused) {
          // refusing a hostile name outright is a correct answer too
          expectRefusal(refused, feedback, "uploadUrl for the file name " + quote(name));
        }
      }
    }
    feedback.assertNone();
  }

  @Check("download")
  void downloadUrlsWorkForTheOwnerOnly() {
    var feedback = new Feedback();
    try (var bucket = bucket("download")) {
      var urls = photoUrls(bucket);
      var key = "uploads/alice/0b1c2d3e-photo.jpg";
      bucket
          .client()
          .putObject(
              r -> r.bucket(bucket.name()).key(key).contentType("image/jpeg"),
              RequestBody.fromBytes(PHOTO));
      try {
        var issued = urls.downloadUrl("alice", key);
        var response = RawHttp.get(uri(bucket, issued.url()));
        feedback.expect(
            response.statusCode() == 200 && Arrays.equals(response.asByteArray(), PHOTO),
            () ->
                Problem.in(
                        PhotoUrlsContract.FILE,
                        "alice could not download her own photo with the download URL")
                    .expected("200 and the photo's bytes")
                    .actual(RawHttp.s3Error(response))
                    .hint("Presign a GetObjectRequest for the bucket and the key as given."));
        feedback.expect(
            "GET".equals(issued.method()),
            () ->
                Problem.in(PhotoUrlsContract.FILE, "the download URL is not a GET")
                    .actual(issued.method()));
        var lifetime = expiresSeconds(bucket, issued.url());
        feedback.expect(
            lifetime.isPresent() && lifetime.get() <= DOWNLOAD_LIMIT.toSeconds(),
            () ->
                Problem.in(PhotoUrlsContract.FILE, "the download URL lives too long")
                    .expected("at most 60 s (X-Amz-Expires ≤ 60)")
                    .actual(
                        lifetime
                            .map(seconds -> seconds + " s")
                            .orElse("no X-Amz-Expires in the URL"))
                    .hint(
                        "Use GetObjectPresignRequest.signatureDuration(Duration.ofSeconds(60))."));
      } catch (LearnerThrew e) {
        feedback.add(e.asProblem(PhotoUrlsContract.FILE, "downloadUrl(\"alice\", her own key)"));
      }
      refuseDownload(
          urls,
          feedback,
          "bob",
          key,
          "bob got a download URL for alice's photo",
          "Allow only keys that start with \"uploads/\" + user + \"/\".");
      refuseDownload(
          urls,
          feedback,
          "ann",
          "uploads/anna/5e6f-photo.jpg",
          "ann got a download URL for anna's photo",
          "Compare with the prefix including its trailing slash: \"uploads/ann\" is also the start of \"uploads/anna/…\".");
    }
    feedback.assertNone();
  }

  @Check("cors-preflight")
  void browserAppMayUploadOtherSitesMayNot() {
    var feedback = new Feedback();
    try (var bucket = bucketWith(CORS, "cors", "cors-json")) {
      var key = "uploads/alice/0a1b-photo.jpg";
      bucket
          .client()
          .putObject(
              r -> r.bucket(bucket.name()).key(key).contentType("image/jpeg"),
              RequestBody.fromBytes(PHOTO));
      var object = bucket.objectUri(key);
      new CorsProbe(object, CORS.path())
          .expectAllowed(feedback, APP_ORIGIN, "PUT", "content-type")
          .expectAllowed(feedback, APP_ORIGIN, "GET", null)
          .expectRefused(feedback, OTHER_ORIGIN, "PUT", "content-type")
          .expectRefused(feedback, APP_ORIGIN, "DELETE", null)
          .expectExposed(feedback, APP_ORIGIN, "ETag");
    }
    feedback.assertNone();
  }

  // ---- shared steps ---------------------------------------------------------------------------

  private record LearnerCode(Optional<PhotoUrlsContract> contract, Feedback feedback) {}

  /** What the learner's code may use: the AWS SDK (the kit's version) and nothing else. */
  static final LearnerLibraries AWS_SDK =
      LearnerLibraries.of("software.amazon.awssdk", "org.reactivestreams", "org.slf4j");

  private LearnerCode learnerCode() {
    return lab.once(
        "learner-code",
        () -> {
          var feedback = new Feedback();
          var contract =
              lab.console()
                  .step(
                      "compiling src/main/java",
                      () ->
                          LearnerJava.compile(lab.workspace(), "src/main/java", AWS_SDK, feedback))
                  .map(lab::closeAtEnd)
                  .map(
                      classes ->
                          LearnerSandbox.open(
                              lab,
                              SandboxSpec.of("photo-urls", PhotoUrlsHandler.class, AWS_SDK),
                              classes.folder()))
                  .flatMap(
                      sandbox ->
                          lab.console()
                              .step(
                                  "starting your code in its sandbox",
                                  () -> PhotoUrlsContract.find(sandbox, feedback)));
          return new LearnerCode(contract, feedback);
        });
  }

  private PhotoUrlsContract.PhotoUrls photoUrls(S3Bucket bucket) {
    var contract = learnerCode().contract();
    Assumptions.assumeTrue(
        contract.isPresent(), "PhotoUrls.java cannot be used yet (see check code-compiles)");
    try {
      return contract.get().create(bucket);
    } catch (LearnerThrew e) {
      throw new CheckFailure(
          List.of(e.asProblem(PhotoUrlsContract.FILE, "new PhotoUrls(presigner, bucket)")));
    }
  }

  private static IssuedUrl issueUpload(
      PhotoUrlsContract.PhotoUrls urls, String user, String name, String type, Duration validFor) {
    try {
      return urls.uploadUrl(user, name, type, validFor);
    } catch (LearnerThrew e) {
      throw new CheckFailure(
          List.of(
              e.asProblem(
                      PhotoUrlsContract.FILE,
                      "uploadUrl(\""
                          + user
                          + "\", \""
                          + name
                          + "\", \""
                          + type
                          + "\", "
                          + validFor.toSeconds()
                          + " s)")
                  .expected("an upload URL")));
    }
  }

  private static void refuseDownload(
      PhotoUrlsContract.PhotoUrls urls,
      Feedback feedback,
      String user,
      String key,
      String what,
      String hint) {
    try {
      urls.downloadUrl(user, key);
      feedback.add(
          Problem.in(PhotoUrlsContract.FILE, what)
              .expected(
                  "an exception: " + user + " may only download keys under uploads/" + user + "/")
              .actual("a download URL for " + key)
              .hint(hint));
    } catch (LearnerThrew refused) {
      expectRefusal(refused, feedback, "downloadUrl(\"" + user + "\", \"" + key + "\")");
    }
  }

  /**
   * A refusal is an exception the code throws: a call that did not return, or that ended the JVM
   * running the code, refused nothing.
   */
  private static void expectRefusal(LearnerThrew outcome, Feedback feedback, String what) {
    if (outcome.kind() != LearnerThrew.Kind.THREW) {
      feedback.add(
          outcome
              .asProblem(PhotoUrlsContract.FILE, what)
              .expected("a URL, or an exception that refuses the request"));
    }
  }

  private S3Backend s3() {
    return lab.once("s3", () -> S3Backends.forRun(lab));
  }

  private S3Bucket bucket(String purpose) {
    return S3Bucket.create(s3(), purpose);
  }

  /** The file parses in the CLI's shape and, where the backend has the feature, S3 accepts it. */
  private <T> void configFileIsValidAndAccepted(BucketConfigFile<T> file) {
    var feedback = new Feedback();
    var configuration = file.read(lab.workspace(), feedback);
    feedback.assertNone();
    s3().lacks(file.feature())
        .ifPresent(
            reason ->
                Assumptions.abort(
                    file.path() + " has the right shape; applying it was not tried: " + reason));
    try (var bucket = bucket(file.feature().name())) {
      file.apply(bucket, configuration.orElseThrow(), feedback);
    }
    feedback.assertNone();
  }

  /**
   * A fresh bucket with the learner's configuration applied; the check is skipped when that cannot
   * be.
   */
  private <T> S3Bucket bucketWith(BucketConfigFile<T> file, String purpose, String checkOfTheFile) {
    var configuration = file.read(lab.workspace(), new Feedback());
    Assumptions.assumeTrue(
        configuration.isPresent(),
        file.path() + " cannot be used yet (see check " + checkOfTheFile + ")");
    s3().lacks(file.feature()).ifPresent(Assumptions::abort);
    var bucket = bucket(purpose);
    boolean applied;
    try {
      applied = file.apply(bucket, configuration.get(), new Feedback());
    } catch (RuntimeException e) {
      bucket.close();
      throw e;
    }
    if (!applied) {
      bucket.close();
      Assumptions.abort("S3 did not accept " + file.path() + " (see check " + checkOfTheFile + ")");
    }
    return bucket;
  }

  private static String keyOf(S3Bucket bucket, URL url) {
    return PresignedUrl.of(url, bucket.name()).key();
  }

  private static Optional<Long> expiresSeconds(S3Bucket bucket, URL url) {
    return PresignedUrl.of(url, bucket.name()).expiresSeconds();
  }

  /**
   * A URL the learner's code issued, to send a request to: only when it points at the bucket's S3
   * endpoint. The kit never sends a request where a learner's URL says.
   */
  private static URI uri(S3Bucket bucket, URL url) {
    var issued = URI.create(url.toString());
    var expected = bucket.objectUri("any-key");
    if (!origin(issued).equals(origin(expected))) {
      throw new CheckFailure(
          List.of(
              Problem.in(
                      PhotoUrlsContract.FILE, "the URL does not point at the bucket's S3 endpoint")
                  .expected("a URL on " + origin(expected))
                  .actual(url.toString())
                  .hint(
                      "Presign with the S3Presigner the constructor receives: it knows the endpoint, region and credentials.")));
    }
    return issued;
  }

  private static String origin(URI uri) {
    int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    return uri.getScheme() + "://" + uri.getHost() + ":" + port;
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\") + "\"";
  }
}
