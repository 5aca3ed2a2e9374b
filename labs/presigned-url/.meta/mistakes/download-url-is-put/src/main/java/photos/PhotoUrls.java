package photos;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/** Issues short-lived presigned URLs so browsers upload and download photos directly with S3. */
public class PhotoUrls {

  private static final Set<String> ALLOWED_TYPES = Set.of("image/jpeg", "image/png");
  private static final Duration MAX_UPLOAD_VALIDITY = Duration.ofMinutes(5);
  private static final Duration DOWNLOAD_VALIDITY = Duration.ofSeconds(60);

  private final S3Presigner presigner;
  private final String bucket;

  public PhotoUrls(S3Presigner presigner, String bucket) {
    this.presigner = presigner;
    this.bucket = bucket;
  }

  public PresignedPutObjectRequest uploadUrl(String user, String fileName, String contentType, Duration validFor) {
    if (!ALLOWED_TYPES.contains(contentType)) {
      throw new IllegalArgumentException("only JPEG and PNG photos can be uploaded, not " + contentType);
    }
    if (validFor.compareTo(MAX_UPLOAD_VALIDITY) > 0) {
      throw new IllegalArgumentException("upload URLs live at most " + MAX_UPLOAD_VALIDITY.toSeconds() + " s");
    }
    String key = userPrefix(user) + UUID.randomUUID() + "-" + safeName(fileName);
    return presigner.presignPutObject(request -> request
        .signatureDuration(validFor)
        .putObjectRequest(put -> put.bucket(bucket).key(key).contentType(contentType)));
  }

  public PresignedGetObjectRequest downloadUrl(String user, String key) {
    if (!key.startsWith(userPrefix(user))) {
      throw new IllegalArgumentException(user + " may not download " + key);
    }
    PresignedPutObjectRequest put = presigner.presignPutObject(request -> request
        .signatureDuration(DOWNLOAD_VALIDITY)
        .putObjectRequest(p -> p.bucket(bucket).key(key)));
    return PresignedGetObjectRequest.builder()
        .expiration(put.expiration())
        .isBrowserExecutable(put.isBrowserExecutable())
        .signedHeaders(put.signedHeaders())
        .signedPayload(put.signedPayload().orElse(null))
        .httpRequest(put.httpRequest())
        .build();
  }

  private static String userPrefix(String user) {
    return "uploads/" + user + "/";
  }

  /** Keeps the last path segment and only harmless characters, so a name cannot climb out of the prefix. */
  private static String safeName(String fileName) {
    String lastSegment = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
    String cleaned = lastSegment.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^\\.+", "");
    return cleaned.isEmpty() ? "photo" : cleaned;
  }
}
