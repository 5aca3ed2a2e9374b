package dev.labkit.harness.s3;

import java.net.URI;
import java.net.URL;
import java.util.Locale;
import java.util.UUID;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * A fresh bucket for one check, with an {@link S3Client} and {@link S3Presigner} for it. Checks
 * never share a bucket, so one check's CORS rules or uploads cannot make another pass. Closing
 * empties and deletes the bucket (it matters on real AWS) and closes the clients.
 */
public final class S3Bucket implements AutoCloseable {

  private final S3Backend backend;
  private final String name;
  private final S3Client client;
  private final S3Presigner presigner;

  private S3Bucket(S3Backend backend, String name, S3Client client, S3Presigner presigner) {
    this.backend = backend;
    this.name = name;
    this.client = client;
    this.presigner = presigner;
  }

  /** Creates a bucket named {@code labkit-<purpose>-<random>}. */
  public static S3Bucket create(S3Backend backend, String purpose) {
    var suffix = UUID.randomUUID().toString().substring(0, 8);
    var name =
        ("labkit-" + purpose.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-") + "-" + suffix);
    if (name.length() > 63) {
      name = "labkit-" + suffix;
    }
    var client = client(backend);
    var bucketName = name;
    // Outside us-east-1, S3 wants the region named again (emulators accept it too).
    if (Region.US_EAST_1.equals(backend.region())) {
      client.createBucket(request -> request.bucket(bucketName));
    } else {
      client.createBucket(
          request ->
              request
                  .bucket(bucketName)
                  .createBucketConfiguration(
                      configuration -> configuration.locationConstraint(backend.region().id())));
    }
    return new S3Bucket(backend, name, client, presigner(backend));
  }

  /**
   * Checksum headers only when required: SDK 2.30+ adds them by default and S3 emulators refuse
   * some ("501 not implemented"). Path-style addressing, because emulators on 127.0.0.1 have no
   * per-bucket host names.
   */
  static S3Client client(S3Backend backend) {
    var builder =
        S3Client.builder()
            .region(backend.region())
            .credentialsProvider(backend.credentials())
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .forcePathStyle(backend.endpoint().isPresent());
    backend.endpoint().ifPresent(builder::endpointOverride);
    return builder.build();
  }

  static S3Presigner presigner(S3Backend backend) {
    var builder =
        S3Presigner.builder()
            .region(backend.region())
            .credentialsProvider(backend.credentials())
            .serviceConfiguration(
                S3Configuration.builder()
                    .pathStyleAccessEnabled(backend.endpoint().isPresent())
                    .build());
    backend.endpoint().ifPresent(builder::endpointOverride);
    return builder.build();
  }

  public String name() {
    return name;
  }

  public S3Backend backend() {
    return backend;
  }

  public S3Client client() {
    return client;
  }

  public S3Presigner presigner() {
    return presigner;
  }

  /** The plain (unsigned) URL of an object, as a browser would address it. */
  public URI objectUri(String key) {
    URL url = client.utilities().getUrl(request -> request.bucket(name).key(key));
    return URI.create(url.toString());
  }

  @Override
  public void close() {
    try {
      // One by one: DeleteObjects requires a checksum header some emulators do not know, and a
      // check's bucket holds a handful of objects.
      client
          .listObjectsV2Paginator(request -> request.bucket(name))
          .contents()
          .forEach(
              object -> client.deleteObject(request -> request.bucket(name).key(object.key())));
      client.deleteBucket(request -> request.bucket(name));
    } catch (RuntimeException e) {
      // Emulators vanish with their container; a real bucket left behind must be visible.
      if (backend.endpoint().isEmpty()) {
        System.err.println("[labkit] could not delete bucket " + name + ": " + e.getMessage());
      }
    } finally {
      client.close();
      presigner.close();
    }
  }
}
