package dev.labkit.harness.s3;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.labkit.harness.feedback.Feedback;
import dev.labkit.harness.feedback.Problem;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.s3.model.BucketLifecycleConfiguration;
import software.amazon.awssdk.services.s3.model.CORSConfiguration;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Reads the JSON files that {@code aws s3api put-bucket-cors --cors-configuration file://…} and
 * {@code put-bucket-lifecycle-configuration --lifecycle-configuration file://…} take, into the AWS
 * SDK's own model classes. The SDK's serializable builders define the shape, so every field the CLI
 * accepts is accepted here, and a misspelt or misplaced field is reported with its line.
 */
public final class AwsCliJson {

  /** Model member names whose CLI spelling is not plain UpperCamelCase of the Java name. */
  private static final Map<String, String> CLI_SPELLING =
      Map.of("corsRules", "CORSRules", "id", "ID");

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .propertyNamingStrategy(new CliNaming())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .disable(MapperFeature.AUTO_DETECT_GETTERS)
          .disable(MapperFeature.AUTO_DETECT_IS_GETTERS)
          .disable(MapperFeature.USE_GETTERS_AS_SETTERS)
          .build();

  private AwsCliJson() {}

  public static Optional<CORSConfiguration> cors(String file, String json, Feedback feedback) {
    return read(
            file, json, CORSConfiguration.serializableBuilderClass(), "put-bucket-cors", feedback)
        .map(builder -> (CORSConfiguration) builder.build());
  }

  public static Optional<BucketLifecycleConfiguration> lifecycle(
      String file, String json, Feedback feedback) {
    return read(
            file,
            json,
            BucketLifecycleConfiguration.serializableBuilderClass(),
            "put-bucket-lifecycle-configuration",
            feedback)
        .map(builder -> (BucketLifecycleConfiguration) builder.build());
  }

  private static Optional<SdkBuilder<?, ?>> read(
      String file, String json, Class<?> builderClass, String command, Feedback feedback) {
    try {
      // Syntax first, on its own: mapping errors would otherwise wrap a syntax error in a field
      // path.
      MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      feedback.add(
          located(file, e, "not valid JSON: " + firstSentence(e.getOriginalMessage()))
              .hint(
                  "A missing or extra comma, an unclosed bracket or a quote is the usual cause; "
                      + "an editor with JSON support points at it."));
      return Optional.empty();
    }
    try {
      return Optional.of((SdkBuilder<?, ?>) MAPPER.readValue(json, builderClass));
    } catch (UnrecognizedPropertyException e) {
      var known = new TreeSet<String>();
      e.getKnownPropertyIds().forEach(id -> known.add(String.valueOf(id)));
      feedback.add(
          located(file, e, "unknown field at " + path(e))
              .expected("one of " + String.join(", ", known))
              .actual("\"" + e.getPropertyName() + "\"")
              .hint(
                  "Field names are case-sensitive and must sit at the right level; `aws s3api "
                      + command
                      + " --generate-cli-skeleton` prints the full shape."));
    } catch (JsonMappingException e) {
      feedback.add(
          located(
                  file,
                  e,
                  "wrong value at " + path(e) + ": " + firstSentence(e.getOriginalMessage()))
              .hint(
                  "Check the type: lists are [\"a\", \"b\"], numbers are unquoted, objects are { … }. "
                      + "`aws s3api "
                      + command
                      + " --generate-cli-skeleton` prints the full shape."));
    } catch (JsonProcessingException e) {
      feedback.add(
          located(file, e, "cannot read the file: " + firstSentence(e.getOriginalMessage())));
    }
    return Optional.empty();
  }

  private static Problem located(String file, JsonProcessingException e, String message) {
    var location = e.getLocation();
    var problem = Problem.in(file, message);
    return location == null ? problem : problem.at(location.getLineNr(), location.getColumnNr());
  }

  /** {@code CORSRules[0].AllowedOrigins}: where in the document the mapping failed. */
  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(
            step ->
                step.getFieldName() != null
                    ? "." + step.getFieldName()
                    : "[" + step.getIndex() + "]")
        .collect(Collectors.joining())
        .replaceFirst("^\\.", "");
  }

  private static String firstSentence(String message) {
    int cut = message.indexOf('\n');
    var line = cut < 0 ? message : message.substring(0, cut);
    return line.replaceAll(" \\(class [^)]*\\)", "").replaceAll("`[a-z.]*\\.([A-Za-z$]+)`", "$1");
  }

  /**
   * Java model names to the CLI's spelling: allowedOrigins → AllowedOrigins, corsRules → CORSRules.
   */
  private static final class CliNaming extends PropertyNamingStrategies.NamingBase {
    @Override
    public String translate(String name) {
      var special = CLI_SPELLING.get(name);
      if (special != null) {
        return special;
      }
      return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
  }
}
