package dev.labkit.harness.sandbox;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.labkit.harness.process.RunningCommand;
import dev.labkit.harness.run.DaemonThreads;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One running sandbox JVM and the kit's end of its protocol (see {@code SandboxHost}): requests go
 * to its standard input, answers come from its standard output, matched by id; its standard error
 * (the learner's prints) is kept as a bounded tail. Whatever the learner's code writes, the kit
 * reads at most {@link #ANSWER_LIMIT} per answer and never waits longer than a call's limit.
 */
final class SandboxProcess implements AutoCloseable {

  /** No honest answer comes near this; a learner's code writing to the protocol stream might. */
  static final int ANSWER_LIMIT = 256 * 1024;

  static final int KEPT_OUTPUT_BYTES = 16 * 1024;
  private static final int LAST_OUTPUT_CHARS = 200;

  /** What {@code -XX:+ExitOnOutOfMemoryError} prints before it ends the JVM (exit code 3). */
  private static final String OUT_OF_MEMORY = "Terminating due to java.lang.OutOfMemoryError";

  private static final ObjectMapper JSON =
      new ObjectMapper(
          JsonFactory.builder()
              .streamReadConstraints(
                  StreamReadConstraints.builder().maxDocumentLength(ANSWER_LIMIT).build())
              .build());

  private final RunningCommand process;
  private final Runnable stop;
  private final Writer requests;
  private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private volatile String unreadable;

  /**
   * Talks to {@code process}, a JVM running {@code SandboxHost} whose standard error is captured
   * (the last {@link #KEPT_OUTPUT_BYTES}); {@code stop} ends it for good (for a container: remove
   * it).
   */
  SandboxProcess(RunningCommand process, Runnable stop, String name) {
    this.process = process;
    this.stop = stop;
    this.requests = new OutputStreamWriter(process.standardInput(), StandardCharsets.UTF_8);
    DaemonThreads.named(name + "-answers").newThread(this::readAnswers).start();
  }

  /**
   * Sends one request and waits at most {@code limit} for its answer.
   *
   * @throws LearnerThrew when the learner's code threw, took too long, or ended the JVM
   */
  JsonNode call(String operation, JsonNode arguments, String what, Duration limit)
      throws LearnerThrew {
    long id = ids.incrementAndGet();
    var answer = new CompletableFuture<JsonNode>();
    pending.put(id, answer);
    try {
      send(id, operation, arguments);
      var received = answer.get(limit.toMillis(), TimeUnit.MILLISECONDS);
      if (received.has("threw")) {
        var thrown = received.get("threw");
        throw LearnerThrew.threw(
            thrown.path("type").asText("Exception"),
            thrown.path("message").isNull() ? null : thrown.path("message").asText());
      }
      if (received.has("failed")) {
        throw new IllegalStateException(
            "the kit's code in the sandbox failed on " + what + ": " + received.get("failed"));
      }
      return received.path("result");
    } catch (TimeoutException e) {
      throw LearnerThrew.timedOut(what, limit);
    } catch (ExecutionException e) {
      throw LearnerThrew.ended(howItEnded());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw LearnerThrew.ended("interrupted");
    } finally {
      pending.remove(id);
    }
  }

  boolean isAlive() {
    return process.isAlive() && unreadable == null;
  }

  /** What the learner's code printed (standard output and error), the last part of it. */
  String output() {
    return process.errors().text();
  }

  private void send(long id, String operation, JsonNode arguments) {
    var request = JSON.createObjectNode().put("id", id).put("op", operation).set("args", arguments);
    try {
      synchronized (requests) {
        requests.write(JSON.writeValueAsString(request));
        requests.write('\n');
        requests.flush();
      }
    } catch (IOException e) {
      // The JVM is gone; the wait for its answer says how it ended.
      pending.get(id).completeExceptionally(e);
    }
  }

  private void readAnswers() {
    try (var answers =
        JSON.readerFor(JsonNode.class).<JsonNode>readValues(process.standardOutput())) {
      while (answers.hasNextValue()) {
        var answer = answers.nextValue();
        var waiting = pending.get(answer.path("id").asLong(-1));
        if (waiting != null) {
          waiting.complete(answer);
        }
      }
    } catch (IOException | RuntimeException e) {
      unreadable =
          "its protocol output could not be read (does the code write to the standard output's"
              + " file descriptor directly?)";
      process.kill();
    }
    pending.values().forEach(waiting -> waiting.completeExceptionally(new IOException("ended")));
  }

  /** For a call that cannot be answered: why the JVM ended, with the learner's last output. */
  private String howItEnded() {
    try {
      process.waitFor(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    var why =
        unreadable != null
            ? unreadable
            : process.isAlive()
                ? "the JVM running your code stopped answering"
                : "the JVM running your code ended with exit code "
                    + process.exitCode()
                    + exitHint(process.exitCode(), output());
    var last = process.errors().lastLine();
    if (last.length() > LAST_OUTPUT_CHARS) {
      last = last.substring(0, LAST_OUTPUT_CHARS) + "…";
    }
    return last.isEmpty() ? why : why + "; its last output: " + last;
  }

  private static String exitHint(int exitCode, String output) {
    if (output.contains(OUT_OF_MEMORY)) {
      return " (out of memory: the code kept more than the sandbox's heap)";
    }
    return exitCode == 137
        ? " (killed: it used more memory than its limit)"
        : " (does your code call System.exit?)";
  }

  @Override
  public void close() {
    try {
      requests.close();
    } catch (IOException e) {
      // already gone
    }
    stop.run();
    try {
      if (!process.waitFor(Duration.ofSeconds(10))) {
        process.kill();
        process.waitFor(Duration.ofSeconds(10));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.kill();
    }
  }

  static UncheckedIOException cannotStart(UncheckedIOException e) {
    return new UncheckedIOException(
        "cannot start the sandbox for the learner's code", e.getCause());
  }
}
