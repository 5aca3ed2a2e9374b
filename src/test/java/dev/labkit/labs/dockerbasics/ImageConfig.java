package dev.labkit.labs.dockerbasics;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.testcontainers.DockerClientFactory;

/**
 * What {@code docker image inspect} says about the learner's image that the image checks judge: the
 * user, the declared ports, the HEALTHCHECK test, the environment and the size.
 */
record ImageConfig(
    String user,
    List<String> exposedPorts,
    List<String> healthcheck,
    List<String> env,
    long sizeBytes) {

  ImageConfig {
    user = user == null ? "" : user;
    exposedPorts = List.copyOf(exposedPorts);
    healthcheck = List.copyOf(healthcheck);
    env = List.copyOf(env);
  }

  /** The image as the engine describes it now. */
  static ImageConfig inspect(String tag) {
    var image = DockerClientFactory.lazyClient().inspectImageCmd(tag).exec();
    var config = image.getConfig();
    var exposed =
        config.getExposedPorts() == null
            ? List.<String>of()
            : Arrays.stream(config.getExposedPorts()).map(Object::toString).toList();
    var healthcheck =
        config.getHealthcheck() == null || config.getHealthcheck().getTest() == null
            ? List.<String>of()
            : config.getHealthcheck().getTest();
    var env = config.getEnv() == null ? List.<String>of() : List.of(config.getEnv());
    return new ImageConfig(
        config.getUser(), exposed, healthcheck, env, image.getSize() == null ? 0 : image.getSize());
  }

  /** One element of {@code docker image inspect}'s JSON array (recordings in the tests). */
  static ImageConfig of(JsonNode image) {
    var config = image.path("Config");
    var exposed = new ArrayList<String>();
    config.path("ExposedPorts").fieldNames().forEachRemaining(exposed::add);
    var healthcheck = new ArrayList<String>();
    config.path("Healthcheck").path("Test").forEach(part -> healthcheck.add(part.asText()));
    var env = new ArrayList<String>();
    config.path("Env").forEach(variable -> env.add(variable.asText()));
    return new ImageConfig(
        config.path("User").asText(""), exposed, healthcheck, env, image.path("Size").asLong(0));
  }

  /** A HEALTHCHECK of the image's own; {@code NONE} is one that turns the base's off. */
  boolean hasHealthcheck() {
    return !healthcheck.isEmpty() && !healthcheck.get(0).equals("NONE");
  }
}
