package dev.labkit.harness.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.command.InspectContainerResponse;
import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import dev.labkit.harness.docker.DockerCli;
import dev.labkit.harness.docker.KitContainers;
import dev.labkit.harness.docker.PrivateCacheMounts;
import dev.labkit.harness.feedback.CheckFailure;
import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.run.RunSession;
import dev.labkit.harness.yaml.YamlNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.testcontainers.DockerClientFactory;

/**
 * One Compose project run through {@code docker compose}, as the learner runs it: their compose
 * file, plus a kit override file that only makes the run safe to share a machine with (ports on
 * 127.0.0.1 and chosen by Docker, no fixed container names, the kit's labels). The project name is
 * the run's own, so parallel runs never meet; {@link #close()} removes its containers, networks,
 * volumes (anonymous ones too) and built images, and so does the run session's close (at the end of
 * the JUnit run, or at JVM exit) if close never ran.
 */
public final class ComposeProject implements AutoCloseable {

  public static final String OVERRIDE_FILE = "labkit.override.yaml";

  /** The label Compose puts on what it makes for a project. */
  private static final String PROJECT_LABEL = "com.docker.compose.project";

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Docker picks a published port from the kernel's ephemeral range, which client sockets of the
   * same machine also draw from; when one holds the port Docker picked, the start fails with
   * "address already in use" although the learner's file is fine (docker/for-linux#560). Another
   * {@code up} starts the created container on another port.
   */
  private static final RetryPolicy<DockerCli.Result> HOST_PORT_CLASH =
      RetryPolicy.<DockerCli.Result>builder()
          .handleResultIf(ComposeProject::lostHostPortRace)
          .withMaxAttempts(3)
          .withDelay(Duration.ofMillis(500))
          .build();

  private final Path folder;
  private final String composeFile;
  private final String name;
  private final Set<String> volumesSeen = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private ComposeProject(Path folder, String composeFile, String name) {
    this.folder = folder;
    this.composeFile = composeFile;
    this.name = name;
  }

  /**
   * A project for {@code composeFile} in {@code folder}; {@code override} (given the project's
   * name) is written next to it and used for every command but {@link #config()}.
   */
  public static ComposeProject create(
      Path folder,
      String composeFile,
      String purpose,
      java.util.function.Function<String, String> override) {
    var session = RunSession.current();
    var name = session.composeProjectName(purpose);
    try {
      Files.writeString(
          folder.resolve(OVERRIDE_FILE), override.apply(name), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var project = new ComposeProject(folder, composeFile, name);
    session.atClose(project::close);
    return project;
  }

  public String name() {
    return name;
  }

  /** {@code docker compose config} of the learner's file alone: what Compose makes of it. */
  public DockerCli.Result config() {
    return config(folder, composeFile, name);
  }

  /**
   * {@code docker compose config} of a file, read as project {@code name}, without a project to
   * clean up (config starts nothing). Every profile is on: a learner's {@code .env} can switch
   * profiles on for {@code up} (COMPOSE_PROFILES), so every service must be seen and vetted.
   * Compose reads env files, extends and include targets while it does this: check them first
   * ({@link #vettedModel}).
   */
  public static DockerCli.Result config(Path folder, String composeFile, String name) {
    return DockerCli.run(
        List.of(
            "compose",
            "-p",
            name,
            "--profile",
            "*",
            "-f",
            composeFile,
            "config",
            "--format",
            "json"),
        folder,
        Duration.ofSeconds(60));
  }

  /**
   * Compose's reading of a learner's compose file in {@code folder} (the kit's private copy), once
   * the kit has vetted it: the files the compose file makes Compose read are checked before Compose
   * runs ({@link ComposeFileReads}), then {@link #config} reads it as project {@code name}, then
   * {@link ComposePolicy} judges that reading. Last, every Dockerfile a service builds gets its
   * BuildKit cache mounts made private to {@code buildRun} ({@link PrivateCacheMounts}), in place:
   * Compose's builds run on the machine's engine like the kit's own.
   *
   * @throws CheckFailure with every problem found, when the file cannot be run
   */
  public static JsonNode vettedModel(
      Path folder, String composeFile, String name, String buildRun) {
    var reads = ComposeFileReads.check(folder, composeFile);
    if (!reads.problems().isEmpty()) {
      throw new CheckFailure(reads.problems());
    }
    var config = config(folder, composeFile, name);
    if (!config.succeeded()) {
      throw new CheckFailure(
          List.of(
              Problem.in(composeFile, "docker compose config rejects the file")
                  .actual(config.tail(10))
                  .hint(
                      "Compose files are YAML: mind the indentation (spaces only) and the keys' spelling.")));
    }
    var model = model(config);
    YamlNode file;
    try {
      file = YamlNode.parse(Files.readString(folder.resolve(composeFile)));
    } catch (IOException | YamlNode.YamlSyntaxError e) {
      file = YamlNode.missing(); // ComposeFileReads read it already; Compose accepted it
    }
    var problems = new ComposePolicy(folder, composeFile, reads.files()).check(model, file);
    if (problems.isEmpty()) {
      problems = privateBuildCaches(folder, model, buildRun);
    }
    if (!problems.isEmpty()) {
      throw new CheckFailure(problems);
    }
    return model;
  }

  /** Rewrites each built Dockerfile (inside {@code folder}: the policy saw to it) in place. */
  private static List<Problem> privateBuildCaches(Path folder, JsonNode model, String buildRun) {
    var problems = new ArrayList<Problem>();
    var dockerfiles = new java.util.TreeSet<Path>();
    model
        .path("services")
        .forEach(
            service -> {
              var build = service.path("build");
              if (build.isObject()) {
                dockerfiles.add(
                    Path.of(build.path("context").asText(folder.toString()))
                        .resolve(build.path("dockerfile").asText("Dockerfile"))
                        .normalize());
              }
            });
    for (var dockerfile : dockerfiles) {
      var file = folder.relativize(dockerfile).toString().replace('\\', '/');
      try {
        var rewritten = PrivateCacheMounts.of(Files.readString(dockerfile), file, buildRun);
        problems.addAll(rewritten.problems());
        Files.writeString(dockerfile, rewritten.text());
      } catch (IOException e) {
        problems.add(Problem.in(file, "the Dockerfile cannot be read: " + e.getMessage()));
      }
    }
    return problems;
  }

  /** The learner's file as Compose reads it (a successful {@link #config()}), as JSON. */
  public static JsonNode model(DockerCli.Result config) {
    try {
      return JSON.readTree(config.output().substring(Math.max(0, config.output().indexOf('{'))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code up -d --build --wait} for the services (all when none is named): returns when each is
   * healthy (or running, without a health check), or fails after {@code wait}.
   */
  public DockerCli.Result up(Duration wait, String... services) {
    var arguments =
        new ArrayList<>(
            List.of(
                "up",
                "-d",
                "--build",
                "--wait",
                "--wait-timeout",
                Long.toString(wait.toSeconds())));
    arguments.addAll(List.of(services));
    var result = startCompose(arguments, wait.plusMinutes(5));
    rememberVolumes();
    return result;
  }

  /**
   * {@code up -d --build} for the services (all when none is named), without {@code --wait}:
   * returns once each is started, after what it depends on meets its {@code depends_on} condition.
   * Whether a started service works is then the caller's question (a health check of its own may
   * never pass, and {@code --wait} would fail on it).
   */
  public DockerCli.Result start(Duration limit, String... services) {
    var arguments = new ArrayList<>(List.of("up", "-d", "--build"));
    arguments.addAll(List.of(services));
    var result = startCompose(arguments, limit);
    rememberVolumes();
    return result;
  }

  /** {@link #start} for one service without starting what it depends on. */
  public DockerCli.Result startWithoutDependencies(Duration limit, String service) {
    var result = startCompose(List.of("up", "-d", "--build", "--no-deps", service), limit);
    rememberVolumes();
    return result;
  }

  /** {@code down}, with {@code -v} when {@code volumes}: named volumes go too. */
  public DockerCli.Result down(boolean volumes) {
    rememberVolumes();
    var arguments = new ArrayList<>(List.of("down", "--remove-orphans", "--timeout", "3"));
    if (volumes) {
      arguments.add("-v");
    }
    return compose(arguments, Duration.ofMinutes(2));
  }

  /** The host port a service's container port is published on (127.0.0.1), if any. */
  public Optional<Integer> hostPort(String service, int containerPort) {
    var result =
        compose(List.of("port", service, Integer.toString(containerPort)), Duration.ofSeconds(30));
    var text = result.output().strip();
    int colon = text.lastIndexOf(':');
    if (!result.succeeded() || colon < 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(Integer.parseInt(text.substring(colon + 1).strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Runs a command in a service's running container ({@code exec -T}). */
  public DockerCli.Result exec(String service, String... command) {
    var arguments = new ArrayList<>(List.of("exec", "-T", service));
    arguments.addAll(List.of(command));
    return compose(arguments, Duration.ofSeconds(30));
  }

  /** The containers of a service, stopped ones included. */
  public List<InspectContainerResponse> containers(String service) {
    var docker = DockerClientFactory.lazyClient();
    return docker
        .listContainersCmd()
        .withShowAll(true)
        .withLabelFilter(Map.of(PROJECT_LABEL, name, "com.docker.compose.service", service))
        .exec()
        .stream()
        .map(container -> docker.inspectContainerCmd(container.getId()).exec())
        .toList();
  }

  /** The last lines a service logged. */
  public String logs(String service, int lines) {
    return compose(
            List.of(
                "logs",
                "--no-color",
                "--no-log-prefix",
                "--tail",
                Integer.toString(lines),
                service),
            Duration.ofSeconds(30))
        .output()
        .strip();
  }

  /** Names of the volumes the project's containers mount now. */
  public Set<String> mountedVolumes() {
    var names = new java.util.TreeSet<String>();
    projectContainers()
        .forEach(
            container ->
                container.getMounts().stream()
                    .filter(mount -> mount.getName() != null && !mount.getName().isBlank())
                    .forEach(mount -> names.add(mount.getName())));
    return names;
  }

  /** Volumes Compose made for the project (named ones; anonymous volumes carry no project). */
  public List<String> projectVolumes() {
    var volumes =
        DockerClientFactory.lazyClient()
            .listVolumesCmd()
            .withFilter("label", List.of(PROJECT_LABEL + "=" + name))
            .exec()
            .getVolumes();
    return volumes == null ? List.of() : volumes.stream().map(v -> v.getName()).toList();
  }

  private void rememberVolumes() {
    try {
      volumesSeen.addAll(mountedVolumes());
    } catch (RuntimeException ignored) {
      // the engine is gone; nothing to remember
    }
  }

  /** A compose command that starts containers: run again when it lost the host-port race. */
  private DockerCli.Result startCompose(List<String> arguments, Duration limit) {
    return Failsafe.with(HOST_PORT_CLASH).get(() -> compose(arguments, limit));
  }

  static boolean lostHostPortRace(DockerCli.Result result) {
    var output = result.output();
    return !result.succeeded()
        && output.contains("Error starting userland proxy")
        && output.contains("address already in use");
  }

  private DockerCli.Result compose(List<String> arguments, Duration limit) {
    var command =
        new ArrayList<>(List.of("compose", "-p", name, "-f", composeFile, "-f", OVERRIDE_FILE));
    command.addAll(arguments);
    return DockerCli.run(command, folder, limit);
  }

  /**
   * Leaves the project running when the run ends ({@code -Dlabkit.keep=true}): closing does nothing
   * from now on. Its containers carry the run's labels and its name the run's pid, so the next
   * run's sweep removes its containers, network and volumes.
   */
  public synchronized void keepRunning() {
    closed = true;
  }

  /** The ids of the project's containers, every service's. */
  public List<String> containerIds() {
    return projectContainers().stream()
        .map(com.github.dockerjava.api.model.Container::getId)
        .toList();
  }

  /** The project's containers, every service's, in any state. */
  private List<com.github.dockerjava.api.model.Container> projectContainers() {
    return DockerClientFactory.lazyClient()
        .listContainersCmd()
        .withShowAll(true)
        .withLabelFilter(Map.of(PROJECT_LABEL, name))
        .exec();
  }

  /**
   * Removes everything the project made; anonymous volumes outlive {@code down}, so they are
   * tracked.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    rememberVolumes();
    compose(
        List.of("down", "-v", "--remove-orphans", "--rmi", "local", "--timeout", "3"),
        Duration.ofMinutes(2));
    var docker = DockerClientFactory.lazyClient();
    volumesSeen.forEach(volume -> KitContainers.removeVolumeQuietly(docker, volume));
    projectVolumes().forEach(volume -> KitContainers.removeVolumeQuietly(docker, volume));
  }
}
