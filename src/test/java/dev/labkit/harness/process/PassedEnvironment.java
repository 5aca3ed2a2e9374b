package dev.labkit.harness.process;

import java.util.List;

/**
 * The few variables of the kit's own environment that a process it starts may see: what finds the
 * Docker engine, its plugins and the JDK. The machine's other variables (tokens, cloud credentials)
 * never reach a learner's build, compose file or code; {@link Command#passing} names what passes.
 */
public final class PassedEnvironment {

  /** What the docker CLI needs to find the engine and its plugins. */
  public static final List<String> DOCKER =
      List.of(
          "PATH",
          "HOME",
          "DOCKER_HOST",
          "DOCKER_CONTEXT",
          "DOCKER_CONFIG",
          "DOCKER_CERT_PATH",
          "DOCKER_TLS_VERIFY",
          "TMPDIR");

  private PassedEnvironment() {}
}
