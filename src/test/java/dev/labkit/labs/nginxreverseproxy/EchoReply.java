package dev.labkit.labs.nginxreverseproxy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What an echo backend says it received: its instance name, the request line, headers, body size.
 */
record EchoReply(
    String instance,
    String method,
    String path,
    String query,
    Map<String, String> headers,
    long bodySize) {

  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  EchoReply {
    var caseInsensitive = new TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
    if (headers != null) {
      caseInsensitive.putAll(headers);
    }
    headers = caseInsensitive;
  }

  /** Empty when the body is not the echo backend's JSON (nginx answered itself, say). */
  static Optional<EchoReply> parse(String body) {
    try {
      var reply = JSON.readValue(body, EchoReply.class);
      return reply.instance() == null ? Optional.empty() : Optional.of(reply);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name));
  }

  String pathAndQuery() {
    return query == null || query.isEmpty() ? path : path + "?" + query;
  }
}
