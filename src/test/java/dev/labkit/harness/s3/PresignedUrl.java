package dev.labkit.harness.s3;

import java.net.URI;
import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * A presigned URL read the way S3 reads it: the object key (path-style "/bucket/key" for emulators,
 * virtual-hosted "/key" on AWS), the signed lifetime ({@code X-Amz-Expires}), and a copy with a
 * different key but the same signature, to show that S3 refuses it.
 */
public record PresignedUrl(URI uri, String bucket) {

  public static PresignedUrl of(URL url, String bucket) {
    return new PresignedUrl(URI.create(url.toString()), bucket);
  }

  /** The decoded object key. */
  public String key() {
    var path = uri.getPath();
    var bucketPrefix = "/" + bucket + "/";
    return path.startsWith(bucketPrefix)
        ? path.substring(bucketPrefix.length())
        : path.substring(1);
  }

  /** The lifetime S3 will enforce, in seconds, if the URL carries one. */
  public Optional<Long> expiresSeconds() {
    return queryParameter("X-Amz-Expires")
        .flatMap(
            value -> {
              try {
                return Optional.of(Long.parseLong(value));
              } catch (NumberFormatException e) {
                return Optional.empty();
              }
            });
  }

  public Optional<String> queryParameter(String name) {
    var query = uri.getRawQuery();
    if (query == null) {
      return Optional.empty();
    }
    return Arrays.stream(query.split("&"))
        .map(pair -> pair.split("=", 2))
        .filter(pair -> pair[0].equals(name))
        .map(pair -> pair.length > 1 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : "")
        .findFirst();
  }

  /**
   * The same URL and signature, pointing at another key (simple keys only: letters, '/', '.', '-').
   */
  public URI withKey(String otherKey) {
    var path =
        uri.getRawPath().startsWith("/" + bucket + "/")
            ? "/" + bucket + "/" + otherKey
            : "/" + otherKey;
    return URI.create(
        uri.getScheme() + "://" + uri.getRawAuthority() + path + "?" + uri.getRawQuery());
  }
}
