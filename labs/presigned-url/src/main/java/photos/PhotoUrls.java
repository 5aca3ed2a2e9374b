package photos;

import java.time.Duration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * Issues short-lived presigned URLs so browsers upload and download photos directly with S3.
 * Keep the class name, the constructor and the two method signatures: the checks call them.
 */
public class PhotoUrls {

  private final S3Presigner presigner;
  private final String bucket;

  public PhotoUrls(S3Presigner presigner, String bucket) {
    this.presigner = presigner;
    this.bucket = bucket;
  }

  /**
   * An upload URL for one photo of {@code user}.
   *
   * <p>TODO(allowed-types): refuse (throw IllegalArgumentException) any contentType other than image/jpeg and image/png.
   * <p>TODO(expiry): refuse (or cap) a validFor longer than 300 seconds.
   * <p>TODO(file-name-traversal): use the key uploads/<user>/<random id>-<cleaned file name>; a name like
   * "../../etc/passwd" must not leave uploads/<user>/.
   * <p>TODO(content-type-signed): sign the Content-Type, so the browser must upload exactly that type.
   */
  public PresignedPutObjectRequest uploadUrl(String user, String fileName, String contentType, Duration validFor) {
    String key = fileName;
    return presigner.presignPutObject(request -> request
        .signatureDuration(validFor)
        .putObjectRequest(put -> put.bucket(bucket).key(key)));
  }

  /**
   * A download URL for {@code key}, valid 60 seconds.
   *
   * <p>TODO(download): refuse keys that are not under uploads/<user>/.
   */
  public PresignedGetObjectRequest downloadUrl(String user, String key) {
    throw new UnsupportedOperationException("TODO: presign a GetObjectRequest valid for 60 seconds");
  }
}
