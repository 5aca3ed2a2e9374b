// Records what the presigned-url lab's rule tests read (RecordedS3): the URLs the solution's and
// the mistakes' PhotoUrls issue for the checks' calls, S3's answers to requests sent to them, and
// S3's CORS answers for the solution's, the starter's and the mistakes' cors.json. Run by
// record.sh against LocalStack, with the kit's test classpath; writes into the current folder.

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.labkit.harness.feedback.Feedback;
import dev.labkit.harness.http.RawHttp;
import dev.labkit.harness.s3.AwsCliJson;
import io.restassured.response.Response;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.tools.ToolProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.presigner.PresignedRequest;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

public class Record {

  static final String BUCKET = "labkit-recorded";
  static final byte[] PHOTO = {
    (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1
  };
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** A case's folder: "." is the starter, the lab folder; the kit's own cases are under .meta/. */
  static Path caseFolder(Path lab, String name) {
    return name.equals(".") ? lab : lab.resolve(".meta").resolve(name);
  }

  public static void main(String[] args) throws Exception {
    var endpoint = URI.create(args[0]);
    var lab = Path.of(args[1]);
    var out = Path.of(".");
    var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    var presigner =
        S3Presigner.builder()
            .region(Region.US_EAST_1)
            .credentialsProvider(credentials)
            .serviceConfiguration(
                S3Configuration.builder().pathStyleAccessEnabled(true).build())
            .endpointOverride(endpoint)
            .build();
    var s3 =
        S3Client.builder()
            .region(Region.US_EAST_1)
            .credentialsProvider(credentials)
            .forcePathStyle(true)
            .endpointOverride(endpoint)
            .build();
    s3.createBucket(r -> r.bucket(BUCKET));

    // The URLs issued for the checks' calls, and what S3 answers to the solution's.
    var cases =
        List.of(
            "solution",
            "mistakes/upload-key-without-random-id",
            "mistakes/content-type-not-signed",
            "mistakes/expiry-not-capped",
            "mistakes/allowed-types-any-image",
            "mistakes/traversal-raw-file-name",
            "mistakes/download-for-any-user",
            "mistakes/download-prefix-without-slash",
            "mistakes/download-url-lives-an-hour");
    for (var name : cases) {
      var photoUrls = load(caseFolder(lab, name), presigner);
      var calls = new ArrayList<Map<String, Object>>();
      for (var validFor : List.of(120L, 300L, 3600L, 604800L)) {
        calls.add(upload(photoUrls, "alice", "photo.jpg", "image/jpeg", validFor));
      }
      calls.add(upload(photoUrls, "alice", "photo.png", "image/png", 60));
      for (var type :
          List.of(
              "image/gif",
              "image/svg+xml",
              "text/html",
              "application/pdf",
              "application/octet-stream")) {
        calls.add(upload(photoUrls, "alice", "photo", type, 60));
      }
      for (var hostile :
          List.of(
              "../../etc/passwd",
              "../bob/photo.jpg",
              "a/b/../../../c.png",
              "/etc/hosts",
              "..\\..\\boot.ini")) {
        calls.add(upload(photoUrls, "alice", hostile, "image/png", 60));
      }
      calls.add(download(photoUrls, "alice", "uploads/alice/0b1c2d3e-photo.jpg"));
      calls.add(download(photoUrls, "bob", "uploads/alice/0b1c2d3e-photo.jpg"));
      calls.add(download(photoUrls, "ann", "uploads/anna/5e6f-photo.jpg"));
      var file = "issued-" + name.replace("mistakes/", "") + ".json";
      Files.writeString(out.resolve(file), JSON.writeValueAsString(calls));

      if (name.equals("solution") || name.endsWith("content-type-not-signed")) {
        var suffix = name.replace("mistakes/", "");
        var put = (PresignedRequest) call(photoUrls, "uploadUrl", "alice", "photo.jpg", "image/jpeg", Duration.ofSeconds(120));
        var url = URI.create(put.url().toString());
        save(out, "put-jpeg-" + suffix, RawHttp.putSigned(url, put.signedHeaders(), "image/jpeg", PHOTO));
        save(out, "put-html-" + suffix, RawHttp.putSigned(url, put.signedHeaders(), "text/html", "<script>alert(1)</script>".getBytes()));
      }
      if (name.equals("solution")) {
        var put = (PresignedRequest) call(photoUrls, "uploadUrl", "alice", "photo.jpg", "image/jpeg", Duration.ofSeconds(120));
        var tampered = dev.labkit.harness.s3.PresignedUrl.of(put.url(), BUCKET).withKey("uploads/alice/not-the-signed-key.jpg");
        save(out, "put-other-key-solution", RawHttp.putSigned(tampered, put.signedHeaders(), "image/jpeg", PHOTO));
        var shortLived = (PresignedRequest) call(photoUrls, "uploadUrl", "alice", "soon.jpg", "image/jpeg", Duration.ofSeconds(1));
        Thread.sleep(3_000);
        save(out, "put-expired-solution", RawHttp.putSigned(URI.create(shortLived.url().toString()), shortLived.signedHeaders(), "image/jpeg", PHOTO));
        var key = "uploads/alice/0b1c2d3e-photo.jpg";
        s3.putObject(r -> r.bucket(BUCKET).key(key).contentType("image/jpeg"), RequestBody.fromBytes(PHOTO));
        var get = (PresignedRequest) call(photoUrls, "downloadUrl", "alice", key);
        save(out, "get-own-photo-solution", RawHttp.get(URI.create(get.url().toString())));
        var missing = (PresignedRequest) call(photoUrls, "downloadUrl", "alice", "uploads/alice/no-such-photo.jpg");
        save(out, "get-missing-photo-solution", RawHttp.get(URI.create(missing.url().toString())));
      }
    }

    // S3's CORS answers, as CorsProbe asks them, for the starter, the solution and the mistakes.
    var key = "uploads/alice/0a1b-photo.jpg";
    s3.putObject(r -> r.bucket(BUCKET).key(key).contentType("image/jpeg"), RequestBody.fromBytes(PHOTO));
    var object = URI.create(endpoint + "/" + BUCKET + "/" + key);
    for (var name :
        List.of(
            ".",
            "solution",
            "mistakes/cors-any-origin",
            "mistakes/cors-content-type-header-not-allowed",
            "mistakes/cors-etag-not-exposed")) {
      var file = caseFolder(lab, name).resolve("bucket/cors.json");
      var cors = AwsCliJson.cors("cors.json", Files.readString(file), new Feedback()).orElseThrow();
      s3.putBucketCors(r -> r.bucket(BUCKET).corsConfiguration(cors));
      var suffix = name.equals(".") ? "starter" : name.replace("mistakes/", "");
      saveHeaders(out, "cors-" + suffix + "-put-from-app", preflight(object, "http://localhost:3000", "PUT", "content-type"));
      saveHeaders(out, "cors-" + suffix + "-get-from-app", preflight(object, "http://localhost:3000", "GET", null));
      saveHeaders(out, "cors-" + suffix + "-put-from-other", preflight(object, "http://evil.example", "PUT", "content-type"));
      saveHeaders(out, "cors-" + suffix + "-delete-from-app", preflight(object, "http://localhost:3000", "DELETE", null));
      saveHeaders(out, "cors-" + suffix + "-get-with-origin", RawHttp.request().header("Origin", "http://localhost:3000").get(object));
    }
  }

  static Response preflight(URI object, String origin, String method, String header) {
    var request = RawHttp.request().header("Origin", origin).header("Access-Control-Request-Method", method);
    if (header != null) {
      request.header("Access-Control-Request-Headers", header);
    }
    return request.options(object);
  }

  static Object load(Path workspace, S3Presigner presigner) throws Exception {
    var source = workspace.resolve("src/main/java/photos/PhotoUrls.java");
    var classes = Files.createTempDirectory("photo-urls");
    var compiler = ToolProvider.getSystemJavaCompiler();
    int rc = compiler.run(null, null, null, "-cp", System.getProperty("java.class.path"), "-d", classes.toString(), source.toString());
    if (rc != 0) {
      throw new IllegalStateException("cannot compile " + source);
    }
    var loader = new URLClassLoader(new java.net.URL[] {classes.toUri().toURL()}, Record.class.getClassLoader());
    var type = Class.forName("photos.PhotoUrls", true, loader);
    return type.getConstructor(S3Presigner.class, String.class).newInstance(presigner, BUCKET);
  }

  static Object call(Object photoUrls, String method, Object... args) throws Exception {
    var types = new Class<?>[args.length];
    for (int i = 0; i < args.length; i++) {
      types[i] = args[i] instanceof Duration ? Duration.class : String.class;
    }
    return photoUrls.getClass().getMethod(method, types).invoke(photoUrls, args);
  }

  static Map<String, Object> upload(Object photoUrls, String user, String name, String type, long seconds) throws Exception {
    var entry = new LinkedHashMap<String, Object>();
    entry.put("call", "uploadUrl");
    entry.put("user", user);
    entry.put("fileName", name);
    entry.put("contentType", type);
    entry.put("validForSeconds", seconds);
    return outcome(entry, () -> call(photoUrls, "uploadUrl", user, name, type, Duration.ofSeconds(seconds)));
  }

  static Map<String, Object> download(Object photoUrls, String user, String key) throws Exception {
    var entry = new LinkedHashMap<String, Object>();
    entry.put("call", "downloadUrl");
    entry.put("user", user);
    entry.put("key", key);
    return outcome(entry, () -> call(photoUrls, "downloadUrl", user, key));
  }

  interface Call {
    Object run() throws Exception;
  }

  /** What PhotoUrlsHandler reports: the URL, method and signed headers; or what was thrown. */
  static Map<String, Object> outcome(Map<String, Object> entry, Call call) throws Exception {
    try {
      var issued = (PresignedRequest) call.run();
      entry.put("url", issued.url().toString());
      entry.put("method", issued.httpRequest().method().name());
      entry.put("signedHeaders", issued.signedHeaders());
    } catch (InvocationTargetException e) {
      entry.put("threw", e.getCause().getClass().getSimpleName());
      entry.put("message", e.getCause().getMessage());
    }
    return entry;
  }

  /** The response as it came: status line, headers, an empty line, the body's bytes. */
  static void save(Path out, String name, Response response) throws Exception {
    var bytes = new ByteArrayOutputStream();
    bytes.write(head(response).getBytes(StandardCharsets.UTF_8));
    bytes.write(response.asByteArray());
    Files.write(out.resolve(name + ".http"), bytes.toByteArray());
  }

  static void saveHeaders(Path out, String name, Response response) throws Exception {
    Files.writeString(out.resolve(name + ".txt"), head(response));
  }

  static String head(Response response) {
    var text = new StringBuilder(response.getStatusLine()).append("\r\n");
    response.getHeaders().forEach(h -> text.append(h.getName()).append(": ").append(h.getValue()).append("\r\n"));
    return text.append("\r\n").toString();
  }
}
