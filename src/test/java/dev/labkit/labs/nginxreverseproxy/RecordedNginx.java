package dev.labkit.labs.nginxreverseproxy;

import dev.labkit.harness.http.ResponseHead;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What nginx 1.26.3 and the echo backends answered for the solution and a few mistakes, recorded by
 * {@code src/test/resources/nginx-reverse-proxy/record.sh}, for the rule tests.
 */
final class RecordedNginx {

  private static final Path FOLDER = Path.of("src/test/resources/nginx-reverse-proxy");

  private RecordedNginx() {}

  static String text(String file) {
    try {
      return Files.readString(FOLDER.resolve(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The headers of a response as {@code curl -D} wrote them, by name in any case. */
  static Map<String, String> headers(String file) {
    return ResponseHead.parse(text(file)).headers();
  }

  /** An answer from nginx with the recorded echo reply as its body. */
  static NginxAnswer echo(String file) {
    return new NginxAnswer(200, "application/json", text(file));
  }
}
