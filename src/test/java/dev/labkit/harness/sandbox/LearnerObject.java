package dev.labkit.harness.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An object the learner's code made in its sandbox (say, a {@code PhotoUrls} for one bucket), known
 * to the kit by its handle. When the sandbox had to start a fresh JVM, the object is made again the
 * same way before the next call, so each check sees an object as it asked for it.
 */
public final class LearnerObject {

  private final LearnerSandbox sandbox;
  final String createOperation;
  final ObjectNode createArguments;
  final String createWhat;
  int generation = -1;
  JsonNode handle;

  LearnerObject(
      LearnerSandbox sandbox, String createOperation, ObjectNode createArguments, String what) {
    this.sandbox = sandbox;
    this.createOperation = createOperation;
    this.createArguments = createArguments;
    this.createWhat = what;
  }

  /** Calls {@code operation} on this object, as {@link LearnerSandbox#call} does. */
  public JsonNode call(String operation, ObjectNode arguments, String what) throws LearnerThrew {
    return sandbox.call(this, operation, arguments, what);
  }
}
