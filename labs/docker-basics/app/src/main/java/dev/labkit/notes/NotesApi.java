package dev.labkit.notes;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.concurrent.Executors;

/**
 * The notes API: {@code GET /health}, {@code POST /notes} (the request body is the note's text) and
 * {@code GET /notes}, on port 8080. Database settings come from environment variables (see {@link
 * DatabaseSettings}). The database must answer when the API starts: it does not retry, so whoever
 * runs it (Compose) must start the database first.
 */
public final class NotesApi {

  static final int PORT = 8080;

  public static void main(String[] args) throws IOException {
    var settings = DatabaseSettings.fromEnvironment(System.getenv());
    var notes = new NoteStore(settings);
    try {
      notes.createTable();
    } catch (SQLException e) {
      System.err.println(
          "notes-api: cannot reach the database at " + settings.address() + ": " + e.getMessage());
      System.exit(1);
    }
    var server = HttpServer.create(new InetSocketAddress(PORT), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/health", exchange -> health(exchange));
    server.createContext("/notes", exchange -> notes(exchange, notes));
    // On SIGTERM (docker stop) the JVM runs this hook, then exits with 143.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("notes-api: stopping");
                  server.stop(0);
                }));
    server.start();
    System.out.println("notes-api: listening on port " + PORT + ", database " + settings.address());
  }

  private static void health(HttpExchange exchange) throws IOException {
    if (!exchange.getRequestMethod().equals("GET")) {
      reply(exchange, 405, "{\"error\":\"use GET\"}");
      return;
    }
    reply(exchange, 200, "{\"status\":\"up\"}");
  }

  private static void notes(HttpExchange exchange, NoteStore notes) throws IOException {
    try {
      switch (exchange.getRequestMethod()) {
        case "GET" -> reply(exchange, 200, Json.notes(notes.all()));
        case "POST" -> {
          var text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          if (text.isBlank()) {
            reply(exchange, 400, "{\"error\":\"the request body is the note's text\"}");
          } else {
            reply(exchange, 201, Json.note(notes.add(text.strip())));
          }
        }
        default -> reply(exchange, 405, "{\"error\":\"use GET or POST\"}");
      }
    } catch (SQLException e) {
      reply(exchange, 503, "{\"error\":" + Json.string("database: " + e.getMessage()) + "}");
    }
  }

  private static void reply(HttpExchange exchange, int status, String json) throws IOException {
    var body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (var out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private NotesApi() {}
}
