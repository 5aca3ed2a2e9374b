package photos;

import java.time.Duration;
import java.util.UUID;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.GetObjectPresignRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PutObjectPresignRequest;

/**
 * A correct solution written differently from solution/: it caps long validities instead of
 * refusing them, refuses hostile file names outright, and uses the SDK's explicit builders.
 */
public class PhotoUrls {

  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  private final S3Presigner presigner;
  private final String bucket;

  public PhotoUrls(S3Presigner presigner, String bucket) {
    this.presigner = presigner;
    this.bucket = bucket;
  }

  public PresignedPutObjectRequest uploadUrl(String user, String fileName, String contentType, Duration validFor) {
    switch (contentType) {
      case "image/jpeg", "image/png" -> { }
      default -> throw new SecurityException("refusing content type " + contentType);
    }
    if (!PLAIN_NAME.matcher(fileName).matches()) {
      throw new IllegalArgumentException("refusing file name " + fileName);
    }
    Duration lifetime = validFor.getSeconds() > 300 ? Duration.ofSeconds(300) : validFor;
    PutObjectRequest put = PutObjectRequest.builder()
        .bucket(bucket)
        .key(String.format("uploads/%s/%s-%s", user, UUID.randomUUID(), fileName))
        .contentType(contentType)
        .build();
    return presigner.presignPutObject(PutObjectPresignRequest.builder()
        .signatureDuration(lifetime)
        .putObjectRequest(put)
        .build());
  }

  public PresignedGetObjectRequest downloadUrl(String user, String key) {
    String[] parts = key.split("/", 3);
    if (parts.length != 3 || !parts[0].equals("uploads") || !parts[1].equals(user)) {
      throw new IllegalStateException("not your photo");
    }
    GetObjectRequest get = GetObjectRequest.builder().bucket(bucket).key(key).build();
    return presigner.presignGetObject(GetObjectPresignRequest.builder()
        .signatureDuration(Duration.ofSeconds(30))
        .getObjectRequest(get)
        .build());
  }
}
