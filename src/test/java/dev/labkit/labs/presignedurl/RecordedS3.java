package dev.labkit.labs.presignedurl;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.labkit.harness.http.CrossOriginAnswer;
import dev.labkit.harness.http.PreflightAnswer;
import dev.labkit.harness.http.ResponseHead;
import dev.labkit.harness.s3.PresignedUrl;
import dev.labkit.harness.sandbox.LearnerThrew;
import io.restassured.builder.ResponseBuilder;
import io.restassured.http.Header;
import io.restassured.http.Headers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What LocalStack 4.14.0 and the solution's and mistakes' PhotoUrls answered, recorded by {@code
 * src/test/resources/presigned-url/record.sh}, for the rule tests: the URLs issued for the checks'
 * calls (issued-*.json), S3's answers to requests sent to them (*.http) and its CORS answers
 * (cors-*.txt).
 */
final class RecordedS3 {

  private static final Path FOLDER = Path.of("src/test/resources/presigned-url");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The bucket the recorder presigned for. */
  static final String BUCKET = "labkit-recorded";

  private RecordedS3() {}

  /** What {@code workspace}'s uploadUrl returned for these arguments, or what it threw. */
  static IssuedUrl upload(String workspace, String fileName, String contentType, long seconds)
      throws LearnerThrew {
    return issued(
        workspace,
        call ->
            call.path("call").asText().equals("uploadUrl")
                && call.path("fileName").asText().equals(fileName)
                && call.path("contentType").asText().equals(contentType)
                && call.path("validForSeconds").asLong() == seconds);
  }

  /** What {@code workspace}'s downloadUrl returned for these arguments, or what it threw. */
  static IssuedUrl download(String workspace, String user, String key) throws LearnerThrew {
    return issued(
        workspace,
        call ->
            call.path("call").asText().equals("downloadUrl")
                && call.path("user").asText().equals(user)
                && call.path("key").asText().equals(key));
  }

  static String keyOf(IssuedUrl issued) {
    return PresignedUrl.of(issued.url(), BUCKET).key();
  }

  static Optional<Long> lifetime(IssuedUrl issued) {
    return PresignedUrl.of(issued.url(), BUCKET).expiresSeconds();
  }

  /** S3's answer as the kit reads it, from a response recorded as it came. */
  static S3Answer answer(String name) {
    var bytes = bytes(name + ".http");
    int end = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    var head = new String(bytes, 0, end, StandardCharsets.UTF_8).split("\r\n");
    var headers = new ArrayList<Header>();
    String contentType = null;
    for (var line : Arrays.asList(head).subList(1, head.length)) {
      var header =
          new Header(line.substring(0, line.indexOf(':')), line.substring(line.indexOf(':') + 2));
      headers.add(header);
      if (header.getName().equalsIgnoreCase("Content-Type")) {
        contentType = header.getValue();
      }
    }
    var response =
        new ResponseBuilder()
            .setStatusLine(head[0])
            .setStatusCode(Integer.parseInt(head[0].split(" ")[1]))
            .setHeaders(new Headers(headers))
            .setContentType(contentType == null ? "" : contentType)
            .setBody(Arrays.copyOfRange(bytes, end + 4, bytes.length))
            .build();
    return S3Answer.of(response);
  }

  static PreflightAnswer preflight(String name) {
    var head = ResponseHead.parse(text(name + ".txt"));
    return PreflightAnswer.of(head.status(), head.headers());
  }

  static CrossOriginAnswer crossOrigin(String name) {
    var head = ResponseHead.parse(text(name + ".txt"));
    return new CrossOriginAnswer(
        Optional.ofNullable(head.headers().get("Access-Control-Expose-Headers")));
  }

  private static IssuedUrl issued(String workspace, Predicate<JsonNode> which) throws LearnerThrew {
    JsonNode calls;
    try {
      calls = JSON.readTree(bytes("issued-" + workspace + ".json"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (var call : calls) {
      if (which.test(call)) {
        if (call.has("threw")) {
          throw LearnerThrew.threw(call.path("threw").asText(), call.path("message").asText());
        }
        try {
          return new IssuedUrl(
              new URL(call.path("url").asText()),
              call.path("method").asText(),
              JSON.convertValue(
                  call.path("signedHeaders"), new TypeReference<Map<String, List<String>>>() {}));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    throw new IllegalArgumentException("no such call recorded for " + workspace);
  }

  static URI bucketObject(IssuedUrl issued) {
    var url = URI.create(issued.url().toString());
    return URI.create(url.getScheme() + "://" + url.getRawAuthority() + "/" + BUCKET + "/any-key");
  }

  private static String text(String file) {
    return new String(bytes(file), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String file) {
    try {
      return Files.readAllBytes(FOLDER.resolve(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int indexOf(byte[] bytes, byte[] part) {
    outer:
    for (int i = 0; i + part.length <= bytes.length; i++) {
      for (int j = 0; j < part.length; j++) {
        if (bytes[i + j] != part[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalArgumentException("no end of the head in the recording");
  }
}
