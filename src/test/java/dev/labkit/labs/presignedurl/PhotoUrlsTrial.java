package dev.labkit.labs.presignedurl;

import dev.labkit.harness.feedback.CheckFailure;
import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.http.RawHttp;
import dev.labkit.harness.s3.PresignedUrl;
import dev.labkit.harness.s3.S3Bucket;
import dev.labkit.harness.sandbox.LearnerThrew;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The learner's PhotoUrls for one bucket: asks it for URLs (each call bounded by the sandbox) and
 * sends requests to them as a browser would. The kit only sends a request where the bucket's S3
 * endpoint is, never where a learner's URL says.
 */
final class PhotoUrlsTrial {

  private final PhotoUrlsContract.PhotoUrls urls;
  private final S3Bucket bucket;

  PhotoUrlsTrial(PhotoUrlsContract.PhotoUrls urls, S3Bucket bucket) {
    this.urls = urls;
    this.bucket = bucket;
  }

  S3Bucket bucket() {
    return bucket;
  }

  IssuedUrl uploadUrl(String user, String fileName, String contentType, Duration validFor)
      throws LearnerThrew {
    return urls.uploadUrl(user, fileName, contentType, validFor);
  }

  IssuedUrl downloadUrl(String user, String key) throws LearnerThrew {
    return urls.downloadUrl(user, key);
  }

  /** An upload URL the check cannot go on without; fails the check when none comes back. */
  IssuedUrl upload(String user, String name, String type, Duration validFor) {
    try {
      return urls.uploadUrl(user, name, type, validFor);
    } catch (LearnerThrew e) {
      throw new CheckFailure(
          List.of(
              e.asProblem(
                      PhotoUrlsContract.FILE,
                      "uploadUrl(\""
                          + user
                          + "\", \""
                          + name
                          + "\", \""
                          + type
                          + "\", "
                          + validFor.toSeconds()
                          + " s)")
                  .expected("an upload URL")));
    }
  }

  /** The object key the URL is signed for. */
  String keyOf(IssuedUrl issued) {
    return PresignedUrl.of(issued.url(), bucket.name()).key();
  }

  /** The lifetime signed into the URL (X-Amz-Expires), in seconds. */
  Optional<Long> lifetime(IssuedUrl issued) {
    return PresignedUrl.of(issued.url(), bucket.name()).expiresSeconds();
  }

  /** A PUT with the URL's signed headers and {@code contentType} instead of the signed one. */
  S3Answer put(IssuedUrl issued, String contentType, byte[] body) {
    return S3Answer.of(
        RawHttp.putSigned(onEndpoint(issued), issued.signedHeaders(), contentType, body));
  }

  /** The same PUT with the URL's key replaced and its signature kept. */
  S3Answer putAtKey(IssuedUrl issued, String otherKey, String contentType, byte[] body) {
    onEndpoint(issued);
    var tampered = PresignedUrl.of(issued.url(), bucket.name()).withKey(otherKey);
    return S3Answer.of(RawHttp.putSigned(tampered, issued.signedHeaders(), contentType, body));
  }

  S3Answer get(IssuedUrl issued) {
    return S3Answer.of(RawHttp.get(onEndpoint(issued)));
  }

  /** The URL to send to; fails the check when it points anywhere but the bucket's endpoint. */
  private URI onEndpoint(IssuedUrl issued) {
    var problem = offEndpoint(issued.url(), bucket.objectUri("any-key"));
    if (problem.isPresent()) {
      throw new CheckFailure(List.of(problem.get()));
    }
    return URI.create(issued.url().toString());
  }

  /** A URL pointing elsewhere than {@code bucketObject}'s scheme, host and port. */
  static Optional<Problem> offEndpoint(URL url, URI bucketObject) {
    var issued = URI.create(url.toString());
    if (origin(issued).equals(origin(bucketObject))) {
      return Optional.empty();
    }
    return Optional.of(
        Problem.in(PhotoUrlsContract.FILE, "the URL does not point at the bucket's S3 endpoint")
            .expected("a URL on " + origin(bucketObject))
            .actual(url.toString())
            .hint(
                "Presign with the S3Presigner the constructor receives: it knows the endpoint, region and credentials."));
  }

  private static String origin(URI uri) {
    int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    return uri.getScheme() + "://" + uri.getHost() + ":" + port;
  }
}
