package dev.labkit.harness.s3;

import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * A real AWS account, with the user's own credentials and region (the SDK's default chains). Opt-in
 * only ({@code -Dlabkit.s3=aws}); never chosen by {@code auto} and never used in CI. Every bucket
 * the checks create is emptied and deleted at the end of the run.
 */
public final class AwsS3 implements S3Backend {

  private final Region region = new DefaultAwsRegionProviderChain().getRegion();

  @Override
  public String name() {
    return "aws";
  }

  @Override
  public String description() {
    return "aws (" + region.id() + ")";
  }

  @Override
  public Optional<URI> endpoint() {
    return Optional.empty();
  }

  @Override
  public Region region() {
    return region;
  }

  @Override
  public AwsCredentialsProvider credentials() {
    return DefaultCredentialsProvider.builder().build();
  }

  @Override
  public Optional<String> lacks(S3Feature feature) {
    return Optional.empty();
  }
}
