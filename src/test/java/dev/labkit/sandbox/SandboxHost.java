package dev.labkit.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;

/**
 * The main class of a learner's sandbox (a container of its own, or a child JVM where no Docker
 * runs): reads the kit's requests as JSON lines on standard input, answers each on a thread of its
 * own with a {@link SandboxHandler}, and writes the answers as JSON lines on standard output. What
 * the learner's code prints goes to standard error, which the kit keeps as "last output"; the
 * protocol stream is only this class's.
 *
 * <p>Requests: {@code {"id": 7, "op": "...", "args": {...}}}. Answers: {@code {"id": 7, "result":
 * ...}}, {@code {"id": 7, "threw": {"type": "...", "message": "..."}}} when the learner's code
 * threw, or {@code {"id": 7, "failed": "..."}} when the handler itself broke.
 *
 * <p>Nothing here is trusted by the kit: the learner's code shares this JVM and may write anything
 * to standard output. The kit bounds what it reads and judges only what it measures itself.
 */
public final class SandboxHost {

  /** Longer exception messages are cut: they end up in feedback and reports. */
  static final int MESSAGE_LIMIT = 500;

  /** The kit's first request: answered by the host itself, once it reads requests. */
  public static final String PING = "ping";

  private static final ObjectMapper JSON = new ObjectMapper();

  private SandboxHost() {}

  public static void main(String[] args) throws Exception {
    var protocol =
        new PrintStream(
            new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8.name());
    System.setOut(System.err);
    var handler = (SandboxHandler) Class.forName(args[0]).getDeclaredConstructor().newInstance();
    var input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (var line = input.readLine(); line != null; line = input.readLine()) {
      var request = JSON.readTree(line);
      var thread =
          new Thread(() -> answer(handler, request, protocol), "request-" + request.path("id"));
      thread.setDaemon(true);
      thread.start();
    }
    // The kit closed standard input: it is done, or gone. Threads the learner left end here too.
    Runtime.getRuntime().halt(0);
  }

  private static void answer(SandboxHandler handler, JsonNode request, PrintStream protocol) {
    var answer = JSON.createObjectNode().set("id", request.path("id"));
    var operation = request.path("op").asText();
    try {
      var result =
          PING.equals(operation)
              ? JSON.getNodeFactory().textNode("pong")
              : handler.handle(operation, request.path("args"));
      ((ObjectNode) answer).set("result", result);
    } catch (InvocationTargetException e) {
      ((ObjectNode) answer).set("threw", describe(learnersOwn(e.getCause())));
    } catch (ExceptionInInitializerError e) {
      ((ObjectNode) answer).set("threw", describe(learnersOwn(e)));
    } catch (Exception | Error e) {
      ((ObjectNode) answer).put("failed", e.toString());
    }
    String line;
    try {
      line = JSON.writeValueAsString(answer);
    } catch (IOException e) {
      line = "{\"id\":" + request.path("id") + ",\"failed\":\"unwritable answer\"}";
    }
    synchronized (protocol) {
      protocol.println(line);
      protocol.flush();
    }
  }

  /** A static initialiser that throws arrives wrapped; the learner wants their own exception. */
  private static Throwable learnersOwn(Throwable thrown) {
    return thrown instanceof ExceptionInInitializerError init && init.getCause() != null
        ? init.getCause()
        : thrown;
  }

  private static JsonNode describe(Throwable thrown) {
    var message = thrown.getMessage();
    if (message != null && message.length() > MESSAGE_LIMIT) {
      message = message.substring(0, MESSAGE_LIMIT) + "…";
    }
    return JSON.createObjectNode()
        .put("type", thrown.getClass().getSimpleName())
        .put("message", message);
  }
}
