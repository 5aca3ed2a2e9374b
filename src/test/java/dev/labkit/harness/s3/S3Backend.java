package dev.labkit.harness.s3;

import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * An S3 endpoint the checks talk to: LocalStack in a container, S3Proxy inside the JVM, or a real
 * AWS account. Checks that need a feature some backend lacks ask {@link #lacks(S3Feature)} and
 * report themselves skipped with the reason, never passed.
 */
public interface S3Backend {

  /** {@code localstack}, {@code embedded} or {@code aws}: the value of {@code -Dlabkit.s3}. */
  String name();

  /** For the console and report: "localstack (localstack/localstack:4.14.0)". */
  String description();

  /** Empty for real AWS, where the SDK picks the regional endpoint. */
  Optional<URI> endpoint();

  Region region();

  AwsCredentialsProvider credentials();

  /** Empty when supported; otherwise why not, in words for the skip message. */
  Optional<String> lacks(S3Feature feature);
}
