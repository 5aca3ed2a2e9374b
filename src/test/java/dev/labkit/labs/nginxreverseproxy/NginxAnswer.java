package dev.labkit.labs.nginxreverseproxy;

import io.restassured.response.Response;
import java.util.Optional;

/** What nginx answered a RestAssured request, as far as the messages quote it. */
record NginxAnswer(int status, String contentType, String body) {

  static NginxAnswer of(Response response) {
    return new NginxAnswer(response.statusCode(), response.contentType(), response.asString());
  }

  /** "404 text/html, body: &lt;html&gt;": the status, the type and the body's first line. */
  String describe() {
    var firstLine = body.strip().lines().findFirst().orElse("");
    return status
        + " "
        + Optional.ofNullable(contentType).orElse("")
        + (firstLine.isEmpty()
            ? ""
            : ", body: "
                + (firstLine.length() > 80 ? firstLine.substring(0, 80) + "…" : firstLine));
  }
}
