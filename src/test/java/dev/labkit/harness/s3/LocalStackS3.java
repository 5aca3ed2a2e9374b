package dev.labkit.harness.s3;

import dev.labkit.harness.docker.KitContainers;
import dev.labkit.harness.docker.LogLineOrExit;
import dev.labkit.harness.run.EnvironmentProblem;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * S3 in LocalStack ({@code localstack/localstack}, port 4566), with signature and expiry checks on:
 * LocalStack only logs bad signatures unless {@code S3_SKIP_SIGNATURE_VALIDATION=0}. Tags after
 * 4.14.0 need {@code LOCALSTACK_AUTH_TOKEN}; it is passed through when set.
 */
public final class LocalStackS3 implements S3Backend, AutoCloseable {

  /** LocalStack's exit code when a tag needs an account and no token was given. */
  static final int EXIT_AUTH_REQUIRED = 55;

  private static final Pattern READY = Pattern.compile("(?m)^Ready\\.$");

  private final LocalStackContainer container;
  private final DockerImageName image;

  public LocalStackS3(DockerImageName image) {
    this.image = image;
    this.container =
        KitContainers.label(
            new LocalStackContainer(image.asCompatibleSubstituteFor("localstack/localstack"))
                .withServices("s3")
                .withEnv("S3_SKIP_SIGNATURE_VALIDATION", "0")
                .waitingFor(
                    new LogLineOrExit("LocalStack prints Ready.", READY, Duration.ofSeconds(90))));
    var token = System.getenv("LOCALSTACK_AUTH_TOKEN");
    if (token != null && !token.isBlank()) {
      container.withEnv("LOCALSTACK_AUTH_TOKEN", token);
    }
  }

  public LocalStackS3 start() {
    try {
      container.start();
      return this;
    } catch (ContainerLaunchException e) {
      var exited = LogLineOrExit.exitIn(e).orElse(null);
      if (exited != null && exited.exitCode() == EXIT_AUTH_REQUIRED) {
        throw new EnvironmentProblem(
            image.asCanonicalNameString()
                + " stopped at once with exit code 55: this LocalStack tag needs an account.",
            "Set LOCALSTACK_AUTH_TOKEN to your token, or leave -Dlabkit.image.localstack out to use the pinned "
                + "localstack/localstack:4.14.0, the last tag that starts without one.");
      }
      if (exited != null) {
        throw new EnvironmentProblem(
            "LocalStack (" + image.asCanonicalNameString() + ") " + exited.getMessage(),
            "Run the image by hand (docker run --rm "
                + image.asCanonicalNameString()
                + ") to see why it stops.");
      }
      throw e;
    }
  }

  @Override
  public String name() {
    return "localstack";
  }

  @Override
  public String description() {
    return "localstack (" + image.asCanonicalNameString() + ")";
  }

  @Override
  public Optional<URI> endpoint() {
    return Optional.of(container.getEndpoint());
  }

  @Override
  public Region region() {
    return Region.of(container.getRegion());
  }

  @Override
  public AwsCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(container.getAccessKey(), container.getSecretKey()));
  }

  @Override
  public Optional<String> lacks(S3Feature feature) {
    return Optional.empty();
  }

  @Override
  public void close() {
    container.stop();
  }
}
