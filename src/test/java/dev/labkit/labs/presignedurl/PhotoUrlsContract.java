package dev.labkit.labs.presignedurl;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.labkit.harness.feedback.Feedback;
import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.s3.S3Bucket;
import dev.labkit.harness.sandbox.LearnerObject;
import dev.labkit.harness.sandbox.LearnerSandbox;
import dev.labkit.harness.sandbox.LearnerThrew;
import dev.labkit.labs.presignedurl.sandbox.PhotoUrlsHandler;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * The shape the lab asks of the learner's {@code photos.PhotoUrls} (see the lab README), and calls
 * into it. The code runs in its {@link LearnerSandbox} ({@link PhotoUrlsHandler} on the other
 * side); a missing part is a problem with the exact signature to add.
 */
final class PhotoUrlsContract {

  static final String CLASS = PhotoUrlsHandler.CLASS;
  static final String FILE = "src/main/java/photos/PhotoUrls.java";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final LearnerSandbox sandbox;

  private PhotoUrlsContract(LearnerSandbox sandbox) {
    this.sandbox = sandbox;
  }

  static Optional<PhotoUrlsContract> find(LearnerSandbox sandbox, Feedback feedback) {
    Set<String> missing;
    try {
      missing =
          JSON.convertValue(
              sandbox.call("shape", NODES.objectNode(), "loading PhotoUrls").path("missing"),
              new TypeReference<Set<String>>() {});
    } catch (LearnerThrew e) {
      feedback.add(e.asProblem(FILE, "loading PhotoUrls"));
      return Optional.empty();
    }
    if (missing.contains(PhotoUrlsHandler.PART_CLASS)) {
      feedback.add(
          Problem.in(FILE, "there is no public class " + CLASS)
              .hint(
                  "Keep the file at "
                      + FILE
                      + " with `package photos;` and `public class PhotoUrls`."));
      return Optional.empty();
    }
    if (missing.contains(PhotoUrlsHandler.PART_CONSTRUCTOR)) {
      feedback.add(
          Problem.in(FILE, "PhotoUrls needs its public constructor")
              .expected("public PhotoUrls(S3Presigner presigner, String bucket)"));
    }
    if (missing.contains(PhotoUrlsHandler.UPLOAD_URL)) {
      feedback.add(
          missingMethod(
              PhotoUrlsHandler.UPLOAD_URL,
              "public PresignedPutObjectRequest uploadUrl(String, String, String, Duration)"));
    }
    if (missing.contains(PhotoUrlsHandler.DOWNLOAD_URL)) {
      feedback.add(
          missingMethod(
              PhotoUrlsHandler.DOWNLOAD_URL,
              "public PresignedGetObjectRequest downloadUrl(String, String)"));
    }
    return missing.isEmpty() ? Optional.of(new PhotoUrlsContract(sandbox)) : Optional.empty();
  }

  private static Problem missingMethod(String name, String signature) {
    return Problem.in(FILE, "PhotoUrls needs the method " + name)
        .expected(signature)
        .hint("The checks call this exact signature; keep the one from the starter file.");
  }

  /** A learner's PhotoUrls for one bucket (its constructor runs now). */
  PhotoUrls create(S3Bucket bucket) throws LearnerThrew {
    var arguments = NODES.objectNode().put("bucket", bucket.name());
    arguments.set("presigner", presignerSettings(bucket));
    return new PhotoUrls(sandbox.create("new", arguments, "new PhotoUrls(presigner, bucket)"));
  }

  /** How the learner's presigner is made: the bucket's own endpoint, region and credentials. */
  private static ObjectNode presignerSettings(S3Bucket bucket) {
    var backend = bucket.backend();
    var credentials = backend.credentials().resolveCredentials();
    var settings =
        NODES
            .objectNode()
            .put("region", backend.region().id())
            .put("accessKeyId", credentials.accessKeyId())
            .put("secretAccessKey", credentials.secretAccessKey())
            .put("pathStyle", backend.endpoint().isPresent());
    backend.endpoint().ifPresent(endpoint -> settings.put("endpoint", endpoint.toString()));
    if (credentials instanceof AwsSessionCredentials session) {
      settings.put("sessionToken", session.sessionToken());
    }
    return settings;
  }

  /** Calls into one learner's object, each call bounded in time. */
  static final class PhotoUrls {
    private final LearnerObject target;

    private PhotoUrls(LearnerObject target) {
      this.target = target;
    }

    IssuedUrl uploadUrl(String user, String fileName, String contentType, Duration validFor)
        throws LearnerThrew {
      var arguments =
          NODES
              .objectNode()
              .put("user", user)
              .put("fileName", fileName)
              .put("contentType", contentType)
              .put("validForMillis", validFor.toMillis());
      return issued(PhotoUrlsHandler.UPLOAD_URL, arguments);
    }

    IssuedUrl downloadUrl(String user, String key) throws LearnerThrew {
      var arguments = NODES.objectNode().put("user", user).put("key", key);
      return issued(PhotoUrlsHandler.DOWNLOAD_URL, arguments);
    }

    private IssuedUrl issued(String method, ObjectNode arguments) throws LearnerThrew {
      var answer = target.call(method, arguments, method);
      if (answer.isNull() || answer.isMissingNode()) {
        throw LearnerThrew.threw("NullPointerException", method + " returned null");
      }
      try {
        return new IssuedUrl(
            URI.create(answer.path("url").asText()).toURL(),
            answer.path("method").asText(),
            JSON.convertValue(
                answer.path("signedHeaders"), new TypeReference<Map<String, List<String>>>() {}));
      } catch (MalformedURLException | IllegalArgumentException e) {
        throw LearnerThrew.threw("MalformedURLException", answer.path("url").asText());
      }
    }
  }
}
