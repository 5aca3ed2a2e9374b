package dev.labkit.sandbox;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a lab runs inside the learner's sandbox: it answers the kit's requests by calling the
 * learner's code. A learner's exception must reach {@link SandboxHost} as the cause of an {@link
 * java.lang.reflect.InvocationTargetException} (what reflection throws anyway), so the kit can tell
 * "your code threw" from "the kit's handler broke".
 */
public interface SandboxHandler {

  /** Answers one request; called on a thread of its own, so slow calls never block the others. */
  JsonNode handle(String operation, JsonNode arguments) throws Exception;

  /**
   * Loads and exercises what the learner's calls will use (a library's first use can take seconds
   * on a busy machine), so that the time limit of each call measures the learner's code. Runs once,
   * before the first request is answered, within the sandbox's start limit; no learner code runs
   * here.
   */
  default void warmUp() throws Exception {}
}
