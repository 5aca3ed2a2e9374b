package dev.labkit.labs.nginxreverseproxy;

import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.http.HttpSpecs;
import dev.labkit.harness.nginx.NginxContainer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** The websocket check: a WebSocket to wss://…/ws opens through nginx and the backend echoes. */
final class WebSocketProbe {

  private static final String CONF = ReverseProxyStack.CONF_FILE;
  static final String GREETING = "labkit says hello";

  private WebSocketProbe() {}

  static List<Problem> echo(NginxContainer nginx) {
    var received = new CompletableFuture<String>();
    try {
      var socket =
          HttpSpecs.jdkClient(HttpClient.Version.HTTP_1_1)
              .newWebSocketBuilder()
              .connectTimeout(NginxRequests.TIMEOUT)
              .buildAsync(
                  URI.create(
                      "wss://localhost:" + nginx.getMappedPort(NginxContainer.HTTPS_PORT) + "/ws"),
                  new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(
                        WebSocket webSocket, CharSequence data, boolean last) {
                      received.complete(data.toString());
                      return null;
                    }
                  })
              .get(NginxRequests.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      socket.sendText(GREETING, true);
      var echoed = received.get(NginxRequests.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      socket.abort();
      return echoed(echoed);
    } catch (Exception e) {
      return List.of(notOpened(e.getCause() != null ? e.getCause() : e));
    }
  }

  static List<Problem> echoed(String echoed) {
    if (echoed.equals(GREETING)) {
      return List.of();
    }
    return List.of(
        Problem.in(CONF, "the WebSocket answered, but not with the echo")
            .expected(GREETING)
            .actual(echoed));
  }

  static Problem notOpened(Throwable cause) {
    return Problem.in(CONF, "a WebSocket to wss://…/ws did not open and echo")
        .expected("the upgrade succeeds (101) and a message comes back")
        .actual(
            cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage()))
        .hint(
            "WebSocket needs HTTP/1.1 and the hop-by-hop upgrade headers passed on: proxy_http_version 1.1; "
                + "proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection \"upgrade\";");
  }
}
