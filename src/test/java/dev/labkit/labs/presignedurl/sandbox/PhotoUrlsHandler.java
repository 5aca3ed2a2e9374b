package dev.labkit.labs.presignedurl.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.labkit.sandbox.SandboxHandler;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.presigner.PresignedRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * Runs inside the learner's sandbox: finds {@code photos.PhotoUrls}, makes instances of it with an
 * {@link S3Presigner} the kit describes, calls them, and answers with the URLs they issued (URL,
 * method, signed headers). The kit decides everything else by sending those URLs to S3 itself.
 *
 * <p>Operations: {@code shape} (which parts of the lab's contract are missing), {@code new} (a
 * handle to a new instance), {@code uploadUrl} and {@code downloadUrl}.
 */
public final class PhotoUrlsHandler implements SandboxHandler {

  public static final String CLASS = "photos.PhotoUrls";

  /** Parts of the contract, as {@code shape} names them when missing. */
  public static final String PART_CLASS = "class";

  public static final String PART_CONSTRUCTOR = "constructor";
  public static final String UPLOAD_URL = "uploadUrl";
  public static final String DOWNLOAD_URL = "downloadUrl";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<Integer, Object> instances = new ConcurrentHashMap<>();
  private final AtomicInteger handles = new AtomicInteger();

  @Override
  public JsonNode handle(String operation, JsonNode arguments) throws Exception {
    return switch (operation) {
      case "shape" -> shape();
      case "new" -> create(arguments);
      case UPLOAD_URL ->
          issued(
              uploadUrl()
                  .invoke(
                      instance(arguments),
                      arguments.path("user").asText(),
                      arguments.path("fileName").asText(),
                      arguments.path("contentType").asText(),
                      Duration.ofMillis(arguments.path("validForMillis").asLong())));
      case DOWNLOAD_URL ->
          issued(
              downloadUrl()
                  .invoke(
                      instance(arguments),
                      arguments.path("user").asText(),
                      arguments.path("key").asText()));
      default -> throw new IllegalArgumentException("unknown operation " + operation);
    };
  }

  /** Presigns with the SDK once, with made-up settings: its first use loads hundreds of classes. */
  @Override
  public void warmUp() {
    var settings =
        JSON.createObjectNode()
            .put("region", "us-east-1")
            .put("accessKeyId", "warm-up")
            .put("secretAccessKey", "warm-up")
            .put("pathStyle", true)
            .put("endpoint", "http://127.0.0.1:1");
    try (var presigner = presigner(settings)) {
      presigner.presignPutObject(
          put ->
              put.signatureDuration(Duration.ofMinutes(1))
                  .putObjectRequest(
                      object -> object.bucket("warm-up").key("a").contentType("a/b")));
      presigner.presignGetObject(
          get ->
              get.signatureDuration(Duration.ofMinutes(1))
                  .getObjectRequest(object -> object.bucket("warm-up").key("a")));
    }
  }

  /** The parts of the contract the compiled code lacks; an empty list when it has them all. */
  private JsonNode shape() {
    var missing = new ArrayList<String>();
    Class<?> type;
    try {
      type = type();
    } catch (ClassNotFoundException | LinkageError e) {
      return JSON.valueToTree(Map.of("missing", List.of(PART_CLASS)));
    }
    if (constructorOf(type) == null) {
      missing.add(PART_CONSTRUCTOR);
    }
    if (methodOf(type, PresignedPutObjectRequest.class, UPLOAD_URL, uploadParameters()) == null) {
      missing.add(UPLOAD_URL);
    }
    if (methodOf(type, PresignedGetObjectRequest.class, DOWNLOAD_URL, downloadParameters())
        == null) {
      missing.add(DOWNLOAD_URL);
    }
    return JSON.valueToTree(Map.of("missing", missing));
  }

  /** Makes an instance for the presigner and bucket described; runs the learner's constructor. */
  private JsonNode create(JsonNode arguments) throws Exception {
    var presigner = presigner(arguments.path("presigner"));
    Object instance =
        constructorOf(type()).newInstance(presigner, arguments.path("bucket").asText());
    int handle = handles.incrementAndGet();
    instances.put(handle, instance);
    return NODES.numberNode(handle);
  }

  private static S3Presigner presigner(JsonNode settings) {
    var credentials =
        settings.hasNonNull("sessionToken")
            ? AwsSessionCredentials.create(
                settings.path("accessKeyId").asText(),
                settings.path("secretAccessKey").asText(),
                settings.path("sessionToken").asText())
            : AwsBasicCredentials.create(
                settings.path("accessKeyId").asText(), settings.path("secretAccessKey").asText());
    var builder =
        S3Presigner.builder()
            .region(Region.of(settings.path("region").asText()))
            .credentialsProvider(StaticCredentialsProvider.create(credentials))
            .serviceConfiguration(
                S3Configuration.builder()
                    .pathStyleAccessEnabled(settings.path("pathStyle").asBoolean())
                    .build());
    if (settings.hasNonNull("endpoint")) {
      builder.endpointOverride(URI.create(settings.path("endpoint").asText()));
    }
    return builder.build();
  }

  private Object instance(JsonNode arguments) {
    var instance = instances.get(arguments.path("handle").asInt());
    if (instance == null) {
      throw new IllegalArgumentException("no instance " + arguments.path("handle"));
    }
    return instance;
  }

  /** What the learner's method returned: the URL and what a client must send with it. */
  private static JsonNode issued(Object returned) {
    if (returned == null) {
      return NODES.nullNode();
    }
    var request = (PresignedRequest) returned;
    ObjectNode issued = NODES.objectNode();
    issued.put("url", request.url().toString());
    issued.put("method", request.httpRequest().method().name());
    issued.set("signedHeaders", JSON.valueToTree(request.signedHeaders()));
    return issued;
  }

  private static Class<?> type() throws ClassNotFoundException {
    // Not initialised here: a learner's static block runs in the constructor's call.
    return Class.forName(CLASS, false, PhotoUrlsHandler.class.getClassLoader());
  }

  private static Constructor<?> constructorOf(Class<?> type) {
    try {
      var constructor = type.getConstructor(S3Presigner.class, String.class);
      return Modifier.isPublic(type.getModifiers()) ? constructor : null;
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  private static Method methodOf(Class<?> type, Class<?> returns, String name, Class<?>[] params) {
    try {
      var method = type.getMethod(name, params);
      return returns.isAssignableFrom(method.getReturnType())
              && !Modifier.isStatic(method.getModifiers())
          ? method
          : null;
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  private static Method uploadUrl() throws ClassNotFoundException {
    return methodOf(type(), PresignedPutObjectRequest.class, UPLOAD_URL, uploadParameters());
  }

  private static Method downloadUrl() throws ClassNotFoundException {
    return methodOf(type(), PresignedGetObjectRequest.class, DOWNLOAD_URL, downloadParameters());
  }

  private static Class<?>[] uploadParameters() {
    return new Class<?>[] {String.class, String.class, String.class, Duration.class};
  }

  private static Class<?>[] downloadParameters() {
    return new Class<?>[] {String.class, String.class};
  }
}
