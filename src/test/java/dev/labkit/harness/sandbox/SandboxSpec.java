package dev.labkit.harness.sandbox;

import dev.labkit.sandbox.SandboxHandler;
import java.util.Optional;

/**
 * What a lab's sandbox runs: its {@link SandboxHandler} (the kit's code that calls the learner's),
 * the libraries the learner's code may use, and the Docker network it may reach (none by default:
 * code that only computes needs no network).
 */
public record SandboxSpec(
    String purpose,
    Class<? extends SandboxHandler> handler,
    LearnerLibraries libraries,
    Optional<String> network) {

  public static SandboxSpec of(
      String purpose, Class<? extends SandboxHandler> handler, LearnerLibraries libraries) {
    return new SandboxSpec(purpose, handler, libraries, Optional.empty());
  }

  /** The sandbox may reach the containers of this Docker network (and nothing else). */
  public SandboxSpec onNetwork(String networkName) {
    return new SandboxSpec(purpose, handler, libraries, Optional.of(networkName));
  }
}
