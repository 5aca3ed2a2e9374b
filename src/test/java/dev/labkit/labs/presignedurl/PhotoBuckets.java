package dev.labkit.labs.presignedurl;

import dev.labkit.harness.feedback.Feedback;
import dev.labkit.harness.run.LabContext;
import dev.labkit.harness.s3.BucketConfigFile;
import dev.labkit.harness.s3.LifecycleRules;
import dev.labkit.harness.s3.S3Backend;
import dev.labkit.harness.s3.S3Backends;
import dev.labkit.harness.s3.S3Bucket;
import org.junit.jupiter.api.Assumptions;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.BucketLifecycleConfiguration;
import software.amazon.awssdk.services.s3.model.CORSConfiguration;

/**
 * The lab's buckets on the run's S3 backend ({@code -Dlabkit.s3}, LocalStack by default when Docker
 * runs): a fresh one per check, so one check's rules or uploads cannot make another pass,
 * optionally with the learner's bucket/cors.json or bucket/lifecycle.json applied.
 */
final class PhotoBuckets {

  static final BucketConfigFile<CORSConfiguration> CORS = BucketConfigFile.cors("bucket/cors.json");
  static final BucketConfigFile<BucketLifecycleConfiguration> LIFECYCLE =
      BucketConfigFile.lifecycle("bucket/lifecycle.json");

  /** The first bytes of a JPEG: enough for S3, which never looks inside. */
  static final byte[] PHOTO = {
    (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1
  };

  private final LabContext lab;

  PhotoBuckets(LabContext lab) {
    this.lab = lab;
  }

  S3Bucket fresh(String purpose) {
    return S3Bucket.create(s3(), purpose);
  }

  /**
   * The file parses in the CLI's shape and, where the backend has the feature, S3 accepts it; fails
   * the check otherwise (skips it when the backend cannot apply the file).
   */
  <T> void assertAccepted(BucketConfigFile<T> file) {
    var feedback = new Feedback();
    var configuration = file.read(lab.workspace(), feedback);
    feedback.assertNone();
    s3().lacks(file.feature())
        .ifPresent(
            reason ->
                Assumptions.abort(
                    file.path() + " has the right shape; applying it was not tried: " + reason));
    try (var bucket = fresh(file.feature().name())) {
      file.apply(bucket, configuration.orElseThrow(), feedback);
    }
    feedback.assertNone();
  }

  /**
   * A fresh bucket with the learner's file applied. The check is skipped when that cannot be: the
   * file's own check failed (its three outcomes keep their own words, which one {@code unmet} text
   * in lab.yaml could not), or the backend lacks the feature.
   */
  <T> S3Bucket with(BucketConfigFile<T> file, String purpose, String checkOfTheFile) {
    var configuration = file.read(lab.workspace(), new Feedback());
    Assumptions.assumeTrue(
        configuration.isPresent(),
        file.path() + " cannot be used yet (see check " + checkOfTheFile + ")");
    s3().lacks(file.feature()).ifPresent(Assumptions::abort);
    var bucket = fresh(purpose);
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

  /** The lifecycle rules S3 stored: what S3 will act on, whatever the file's spelling. */
  static LifecycleRules storedLifecycle(S3Bucket bucket) {
    return new LifecycleRules(
        bucket.client().getBucketLifecycleConfiguration(r -> r.bucket(bucket.name())).rules());
  }

  /** Stores {@link #PHOTO} as a JPEG at {@code key}, as an earlier upload would have. */
  static void storePhoto(S3Bucket bucket, String key) {
    bucket
        .client()
        .putObject(
            r -> r.bucket(bucket.name()).key(key).contentType("image/jpeg"),
            RequestBody.fromBytes(PHOTO));
  }

  private S3Backend s3() {
    return lab.once("s3", () -> S3Backends.forRun(lab));
  }
}
