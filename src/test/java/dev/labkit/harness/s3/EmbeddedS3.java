package dev.labkit.harness.s3;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * S3 inside the test JVM (gaul's S3Proxy over jclouds' in-memory blob store) on 127.0.0.1 and an
 * ephemeral port. It verifies SigV4 signatures and presigned-URL expiry, so upload rules are really
 * enforced without Docker; it has no per-bucket CORS or lifecycle API.
 */
public final class EmbeddedS3 implements S3Backend, AutoCloseable {

  private static final String ACCESS_KEY = "labkit";
  private static final String SECRET_KEY = "labkit-secret";

  private final S3Proxy proxy;
  private final BlobStoreContext blobStore;

  private EmbeddedS3(S3Proxy proxy, BlobStoreContext blobStore) {
    this.proxy = proxy;
    this.blobStore = blobStore;
  }

  public static EmbeddedS3 start() {
    var blobStore = ContextBuilder.newBuilder("transient").build(BlobStoreContext.class);
    var proxy =
        S3Proxy.builder()
            .blobStore(blobStore.getBlobStore())
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            .build();
    try {
      proxy.start();
    } catch (Exception e) {
      blobStore.close();
      throw new IllegalStateException("The embedded S3 server did not start: " + e.getMessage(), e);
    }
    await("embedded S3 server listening")
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> AbstractLifeCycle.STARTED.equals(proxy.getState()));
    return new EmbeddedS3(proxy, blobStore);
  }

  @Override
  public String name() {
    return "embedded";
  }

  @Override
  public String description() {
    return "embedded (S3Proxy in the test JVM)";
  }

  @Override
  public Optional<URI> endpoint() {
    return Optional.of(URI.create("http://127.0.0.1:" + proxy.getPort()));
  }

  @Override
  public Region region() {
    return Region.US_EAST_1;
  }

  @Override
  public AwsCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
  }

  @Override
  public Optional<String> lacks(S3Feature feature) {
    return Optional.of(
        switch (feature) {
          case BUCKET_CORS ->
              "the embedded S3 server has no per-bucket CORS; run with Docker (-Dlabkit.s3=localstack) to check CORS";
          case BUCKET_LIFECYCLE ->
              "the embedded S3 server has no lifecycle rules; run with Docker (-Dlabkit.s3=localstack) to check them";
        });
  }

  @Override
  public void close() throws Exception {
    proxy.stop();
    blobStore.close();
  }
}
