package dev.labkit.harness.s3;

import dev.labkit.harness.feedback.Feedback;
import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.run.EnvironmentProblem;
import dev.labkit.harness.workspace.Workspace;
import java.util.Optional;
import java.util.function.BiConsumer;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.BucketLifecycleConfiguration;
import software.amazon.awssdk.services.s3.model.CORSConfiguration;

/**
 * A bucket configuration the learner writes as an AWS CLI JSON file: where it lives, how it is
 * read, and the S3 call that applies it. Reading reports JSON and shape problems with line numbers;
 * applying reports S3's refusal with its error code.
 */
public final class BucketConfigFile<T> {

  /** The reader of one CLI JSON shape: (file name, text, feedback) to the SDK model. */
  @FunctionalInterface
  public interface Reader<T> {
    Optional<T> read(String file, String json, Feedback feedback);
  }

  private final String path;
  private final S3Feature feature;
  private final String operation;
  private final Reader<T> reader;
  private final BiConsumer<S3Bucket, T> applier;

  private BucketConfigFile(
      String path,
      S3Feature feature,
      String operation,
      Reader<T> reader,
      BiConsumer<S3Bucket, T> applier) {
    this.path = path;
    this.feature = feature;
    this.operation = operation;
    this.reader = reader;
    this.applier = applier;
  }

  /** The file for {@code aws s3api put-bucket-cors --cors-configuration file://<path>}. */
  public static BucketConfigFile<CORSConfiguration> cors(String path) {
    return new BucketConfigFile<>(
        path,
        S3Feature.BUCKET_CORS,
        "put-bucket-cors",
        AwsCliJson::cors,
        (bucket, cors) ->
            bucket.client().putBucketCors(r -> r.bucket(bucket.name()).corsConfiguration(cors)));
  }

  /**
   * The file for {@code aws s3api put-bucket-lifecycle-configuration --lifecycle-configuration
   * file://<path>}.
   */
  public static BucketConfigFile<BucketLifecycleConfiguration> lifecycle(String path) {
    return new BucketConfigFile<>(
        path,
        S3Feature.BUCKET_LIFECYCLE,
        "put-bucket-lifecycle-configuration",
        AwsCliJson::lifecycle,
        (bucket, lifecycle) ->
            bucket
                .client()
                .putBucketLifecycleConfiguration(
                    r -> r.bucket(bucket.name()).lifecycleConfiguration(lifecycle)));
  }

  public String path() {
    return path;
  }

  public S3Feature feature() {
    return feature;
  }

  public Optional<T> read(Workspace workspace, Feedback feedback) {
    return workspace.readText(path, feedback).flatMap(json -> reader.read(path, json, feedback));
  }

  /** Applies the configuration to the bucket; false, with a problem, when S3 refuses it. */
  public boolean apply(S3Bucket bucket, T configuration, Feedback feedback) {
    try {
      applier.accept(bucket, configuration);
      return true;
    } catch (AwsServiceException e) {
      var details = e.awsErrorDetails();
      feedback.add(
          Problem.in(path, "S3 refused the configuration (" + operation + ")")
              .actual(
                  e.statusCode()
                      + " "
                      + (details == null
                          ? ""
                          : details.errorCode() + ": " + details.errorMessage()))
              .hint(
                  "The JSON parses, but S3 rejects its content: every rule needs its required fields (see the lab README), and values must be in range."));
      return false;
    } catch (SdkClientException e) {
      throw new EnvironmentProblem(
          "Could not reach S3 to apply " + path + ": " + e.getMessage(),
          "Re-run; check that the S3 backend is up.");
    }
  }
}
