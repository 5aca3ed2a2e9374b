package dev.labkit.harness.compose;

import com.fasterxml.jackson.databind.JsonNode;
import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.yaml.YamlNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the kit lets a learner's compose file do on a grading machine that other learners share: an
 * allowlist of what the labs teach, applied to {@code docker compose config --format json}
 * (Compose's own reading, with every profile). Anything else, unknown keys included, is refused
 * with a problem that names the service and the key, the line in the compose file (none when the
 * key comes from extends or an anchor), and a hint that says why before it says what to remove.
 *
 * <p>Allowed for a service: image (unless it builds), build (a context inside the project folder, a
 * Dockerfile inside the context, target, args with plain values, labels), environment, env_file
 * (checked before Compose runs, see {@link ComposeFileReads}), ports, expose, named volumes of the
 * project, tmpfs, bind mounts of folders inside the project folder, the project's networks, secrets
 * and configs from files inside the project folder, depends_on, healthcheck, restart, command,
 * entrypoint, user, working_dir, labels, stop_signal, stop_grace_period, init, read_only, cap_drop,
 * hostname, container_name and ports (the kit's override resets both), profiles, the json-file or
 * local log driver, one replica, namespaces shared only with another service of the project, and
 * {@code x-} extensions. A writable bind mount must hold nothing Compose or the kit reads (compose
 * files, .env, env files, build contexts, secrets, other bind mounts) and lie in no build context:
 * a container could plant a link there that the next {@code up} follows.
 */
public final class ComposePolicy {

  private static final Set<String> SERVICE_KEYS =
      Set.of(
          "environment",
          "ports",
          "expose",
          "depends_on",
          "healthcheck",
          "restart",
          "command",
          "entrypoint",
          "user",
          "working_dir",
          "labels",
          "stop_signal",
          "stop_grace_period",
          "init",
          "read_only",
          "cap_drop",
          "hostname",
          "container_name",
          "profiles",
          "tmpfs");

  private static final String SHARED =
      "The kit runs your compose file on a grading machine shared with other learners' work";

  private static final String RESOURCES =
      "sets resources of its own, while the kit limits every container (memory, CPU, processes) so that no submission takes the machine";

  /** Why a service key is refused, for the keys learners (or attackers) reach for. */
  private static final Map<String, String> WHY =
      Map.ofEntries(
          Map.entry(
              "privileged",
              "gives the container every device and capability of the host: root on that machine"),
          Map.entry(
              "cap_add",
              "adds capabilities that let a process in the container reach past it into the grading machine"),
          Map.entry(
              "security_opt",
              "loosens the container's confinement (seccomp, AppArmor, SELinux, no-new-privileges)"),
          Map.entry("devices", "hands devices of the grading machine to the container"),
          Map.entry("device_cgroup_rules", "lets the container create and use devices of the host"),
          Map.entry(
              "cgroup_parent",
              "moves the container out of the engine's cgroups, away from the limits the kit sets"),
          Map.entry(
              "volumes_from",
              "mounts every volume of another container, which may not be this project's"),
          Map.entry("runtime", "runs the container with another runtime than the engine's default"),
          Map.entry("sysctls", "changes kernel settings for the container"),
          Map.entry("ulimits", RESOURCES),
          Map.entry(
              "extra_hosts",
              "adds host names; host-gateway and the host's addresses reach the grading machine's own services"),
          Map.entry("dns", "sends name lookups elsewhere, such as the grading machine's own DNS"),
          Map.entry("dns_search", "changes how names are looked up"),
          Map.entry("dns_opt", "changes how names are looked up"),
          Map.entry("external_links", "links to containers outside the project"),
          Map.entry(
              "links",
              "is legacy: services reach each other by name on the project network without it"),
          Map.entry("group_add", "adds groups, such as the group that owns a device"),
          Map.entry("mem_limit", RESOURCES),
          Map.entry("memswap_limit", RESOURCES),
          Map.entry("mem_reservation", RESOURCES),
          Map.entry("mem_swappiness", RESOURCES),
          Map.entry("cpus", RESOURCES),
          Map.entry("cpu_count", RESOURCES),
          Map.entry("cpu_percent", RESOURCES),
          Map.entry("cpu_shares", RESOURCES),
          Map.entry("cpu_quota", RESOURCES),
          Map.entry("cpu_period", RESOURCES),
          Map.entry("cpuset", RESOURCES),
          Map.entry("pids_limit", RESOURCES),
          Map.entry("shm_size", RESOURCES),
          Map.entry("storage_opt", RESOURCES),
          Map.entry("blkio_config", RESOURCES),
          Map.entry("oom_kill_disable", RESOURCES),
          Map.entry("oom_score_adj", RESOURCES),
          Map.entry("pull_policy", "asks the engine to pull; the grading machine has no registry"));

  private static final Map<String, String> WHY_BUILD =
      Map.ofEntries(
          Map.entry(
              "tags",
              "names the built image as well: a name such as postgres:17 would replace that machine's own image for every later run"),
          Map.entry(
              "dockerfile_inline",
              "writes the Dockerfile into compose.yaml; the kit reads and judges app/Dockerfile"),
          Map.entry(
              "additional_contexts",
              "sends more folders to the builder, which may lie outside the lab folder"),
          Map.entry("secrets", "hands files or variables of the grading machine to the build"),
          Map.entry("ssh", "hands the grading machine's SSH agent or keys to the build"),
          Map.entry("cache_from", "reads build cache from places of the grading machine"),
          Map.entry("cache_to", "writes build cache to places of the grading machine"),
          Map.entry("network", "runs the build's RUN steps on another network, such as the host's"),
          Map.entry("extra_hosts", "adds host names that reach the grading machine's own services"),
          Map.entry("privileged", "runs the build's RUN steps with every privilege of the host"),
          Map.entry(
              "entitlements", "grants the build privileges (network.host, security.insecure)"),
          Map.entry("pull", "asks the engine to pull; the grading machine has no registry"));

  private final Path project;
  private final String composeFile;
  private final Set<Path> alsoRead;

  private JsonNode model;
  private YamlNode file;
  private final List<Problem> problems = new ArrayList<>();
  private final List<Bind> binds = new ArrayList<>();
  private final Set<Path> read = new LinkedHashSet<>();

  /** A bind mount of a service, as Compose resolved it. */
  private record Bind(
      String service, Path source, boolean writable, String written, Integer line) {}

  /**
   * A policy for a project in {@code project} whose compose file is {@code composeFile}; {@code
   * alsoRead} are the other files Compose reads there ({@link ComposeFileReads.Result#files()}).
   */
  public ComposePolicy(Path project, String composeFile, Set<Path> alsoRead) {
    try {
      this.project = project.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.composeFile = composeFile;
    this.alsoRead = Set.copyOf(alsoRead);
  }

  /**
   * Every problem with {@code model} ({@code docker compose config --format json}); {@code file} is
   * the learner's compose file, for lines.
   */
  public List<Problem> check(JsonNode model, YamlNode file) {
    this.model = model;
    this.file = file;
    problems.clear();
    binds.clear();
    read.clear();
    read.add(project.resolve(composeFile).normalize());
    read.add(project.resolve(ComposeProject.OVERRIDE_FILE));
    read.add(project.resolve(".env"));
    read.addAll(alsoRead);

    var include = topLevel(file, "include");
    if (!include.isMissing()) {
      problems.add(
          problem(
              file.keyLine("include"),
              "include",
              "merges other compose files into this one",
              "one compose file, compose.yaml, with every service in it",
              "include: " + include.texts(),
              SHARED
                  + "; it vets the one file the lab asks for. Move the services you need into compose.yaml and remove include:."));
    }
    model
        .properties()
        .forEach(
            entry -> {
              var key = entry.getKey();
              if (!Set.of("name", "services", "volumes", "networks", "secrets", "configs")
                      .contains(key)
                  && !key.startsWith("x-")) {
                problems.add(
                    problem(
                        file.keyLine(key),
                        key,
                        "is not a Compose key this lab uses",
                        "services:, volumes:, networks:, secrets:, configs: and x- extensions at the top level",
                        key + ": " + brief(entry.getValue()),
                        SHARED + ". Remove " + key + ":."));
              }
            });
    topLevel("volumes", "volume");
    topLevel("networks", "network");
    topLevel("secrets", "secret");
    topLevel("configs", "config");
    model.path("services").properties().forEach(e -> service(e.getKey(), e.getValue()));
    writableBinds();
    return List.copyOf(problems);
  }

  // ------------------------------------------------------------------ top level

  private void topLevel(String section, String kind) {
    model
        .path(section)
        .properties()
        .forEach(
            entry -> {
              var name = entry.getKey();
              var where = kind + " " + name;
              var raw = file.get(section).get(name);
              entry
                  .getValue()
                  .properties()
                  .forEach(
                      field -> {
                        var key = field.getKey();
                        var value = field.getValue();
                        var line = raw.keyLine(key);
                        switch (kind + "." + key) {
                          case "volume.name",
                              "volume.labels",
                              "network.name",
                              "network.labels",
                              "network.internal",
                              "secret.name",
                              "config.name" -> {}
                          case "volume.driver" -> {
                            if (!value.asText().equals("local")) {
                              problems.add(
                                  problem(
                                      line,
                                      where,
                                      "driver",
                                      "stores the volume with another driver than local",
                                      "no driver: (the engine's local volumes)",
                                      "driver: " + value.asText(),
                                      SHARED
                                          + "; a volume driver decides where the data really lives, which may be the host's own folders. Remove driver:."));
                            }
                          }
                          case "network.driver" -> {
                            if (!value.asText().equals("bridge")) {
                              problems.add(
                                  problem(
                                      line,
                                      where,
                                      "driver",
                                      "puts the network on another driver than bridge",
                                      "no driver: (a bridge network of the project)",
                                      "driver: " + value.asText(),
                                      SHARED
                                          + "; drivers such as host, macvlan or ipvlan put containers on the machine's own network. Remove driver:."));
                            }
                          }
                          case "network.ipam" -> {
                            if (!value.isEmpty()) {
                              problems.add(
                                  problem(
                                      line,
                                      where,
                                      "ipam",
                                      "chooses the network's addresses",
                                      "no ipam: (Docker picks a free subnet)",
                                      "ipam: " + brief(value),
                                      SHARED
                                          + "; a subnet of your choice can hide the machine's own networks from it. Remove ipam:."));
                            }
                          }
                          case "volume.external",
                              "network.external",
                              "secret.external",
                              "config.external" -> {
                            if (value.asBoolean(false)) {
                              problems.add(
                                  problem(
                                      line,
                                      where,
                                      "external",
                                      "uses a "
                                          + kind
                                          + " of the machine, made outside this project",
                                      "a " + kind + " the project makes itself (no external:)",
                                      "external: true"
                                          + (entry.getValue().has("name")
                                              ? ", name: " + entry.getValue().path("name").asText()
                                              : ""),
                                      SHARED
                                          + "; an external "
                                          + kind
                                          + " belongs to someone else on it (another learner's data, the machine's own network). Remove external: and let Compose make it."));
                            }
                          }
                          case "volume.driver_opts" -> {
                            boolean bind = value.toString().contains("bind");
                            problems.add(
                                problem(
                                    line,
                                    where,
                                    "driver_opts",
                                    bind
                                        ? "makes the named volume a mount of the host's "
                                            + value.path("device").asText("folder")
                                        : "passes options to the volume driver",
                                    "a plain named volume: " + name + ": {}",
                                    "driver_opts: " + brief(value),
                                    SHARED
                                        + "; driver_opts such as type: none, o: bind, device: / turn a named volume into a bind mount of any folder of that machine. Remove driver_opts:."));
                          }
                          case "secret.file", "config.file" -> {
                            var path = Path.of(value.asText()).normalize();
                            if (!insideProject(path)) {
                              problems.add(
                                  problem(
                                      line,
                                      where,
                                      "file",
                                      value.asText() + " lies outside the lab folder",
                                      "a file inside the lab folder (file: ./db-password.txt)",
                                      "file: " + value.asText(),
                                      SHARED
                                          + "; the file is mounted into the container, so a path outside your folder would hand out that machine's files. Keep the file inside the lab folder."));
                            } else {
                              read.add(path);
                              binds.add(new Bind(where, path, false, value.asText(), line));
                            }
                          }
                          default -> {
                            if (!key.startsWith("x-")) {
                              problems.add(
                                  problem(
                                      line,
                                      where,
                                      key,
                                      "is not a Compose key this lab uses",
                                      switch (kind) {
                                        case "volume" -> "only name: and labels: for a volume";
                                        case "network" ->
                                            "only name:, labels: and internal: for a network";
                                        default ->
                                            "only file: (inside the lab folder) for a " + kind;
                                      },
                                      key + ": " + brief(value),
                                      SHARED
                                          + ", and it runs only what the lab teaches rather than guess whether the rest is safe. Remove "
                                          + key
                                          + ":."));
                            }
                          }
                        }
                      });
            });
  }

  // ------------------------------------------------------------------ services

  private void service(String name, JsonNode service) {
    var raw = file.get("services").get(name);
    var where = "service " + name;
    service
        .properties()
        .forEach(
            field -> {
              var key = field.getKey();
              var value = field.getValue();
              var line = raw.keyLine(key);
              if (SERVICE_KEYS.contains(key) || key.startsWith("x-")) {
                return;
              }
              switch (key) {
                case "image" -> {
                  if (service.has("build")) {
                    problems.add(
                        problem(
                            line,
                            where,
                            "image",
                            "names the image it builds: " + value.asText(),
                            "build: without image: (the kit names what it builds)",
                            "image: " + value.asText(),
                            SHARED
                                + "; with build:, image: is the name the built image gets, and a name such as postgres:17 would replace that machine's own image for every later run. Remove image: from "
                                + name
                                + " and keep build:."));
                  }
                }
                case "build" -> build(name, raw, value);
                case "volumes" -> mounts(name, raw, value);
                case "networks" -> networks(name, raw, value);
                case "secrets", "configs" -> secrets(name, raw, key, value);
                case "deploy" -> deploy(name, raw, value);
                case "scale" -> {
                  if (value.asInt(1) > 1) {
                    problems.add(
                        problem(
                            line,
                            where,
                            "scale",
                            "starts " + value.asInt() + " containers of the service",
                            "one container per service (no scale:)",
                            "scale: " + value.asInt(),
                            SHARED
                                + "; every copy counts against it, and the lab needs one of each. Remove scale:."));
                  }
                }
                case "logging" -> logging(name, line, value);
                case "pid", "ipc", "network_mode", "cgroup", "userns_mode", "uts" ->
                    namespace(name, line, key, value.asText());
                default ->
                    problems.add(
                        problem(
                            line,
                            where,
                            key,
                            WHY.containsKey(key)
                                ? "is refused"
                                : "is not a Compose key this lab uses",
                            "no " + key + ": (the lab's services need none)",
                            key + ": " + brief(value),
                            SHARED
                                + (WHY.containsKey(key)
                                    ? ", and "
                                        + key
                                        + " "
                                        + WHY.get(key)
                                        + ". No service of this lab needs it:"
                                    : ", and it runs only what the lab teaches rather than guess whether the rest is safe.")
                                + " remove "
                                + key
                                + ": from "
                                + name
                                + "."));
              }
            });
  }

  private void namespace(String service, Integer line, String key, String value) {
    boolean projectService =
        value.startsWith("service:")
            && model.path("services").has(value.substring("service:".length()));
    boolean allowed =
        switch (key) {
          case "pid" -> projectService;
          case "ipc" -> projectService || Set.of("private", "shareable", "none").contains(value);
          case "network_mode" -> projectService || value.equals("none");
          case "cgroup" -> value.equals("private");
          default -> false; // userns_mode and uts only know "host"
        };
    if (allowed) {
      return;
    }
    var namespace =
        switch (key) {
          case "pid" -> "processes";
          case "ipc" -> "shared memory";
          case "network_mode" -> "network";
          case "cgroup" -> "cgroups";
          case "userns_mode" -> "user namespace";
          default -> "host name (uts)";
        };
    var what =
        value.equals("host")
            ? "shares the grading machine's " + namespace + " with the container"
            : "leaves the project's own " + namespace + ": " + value;
    problems.add(
        problem(
            line,
            "service " + service,
            key,
            what,
            "no " + key + ": (each container keeps its own " + namespace + ")",
            key + ": " + value,
            SHARED
                + "; a container that shares its "
                + namespace
                + " sees and reaches what runs there, other learners' work included. Remove "
                + key
                + ": from "
                + service
                + "."));
  }

  private void logging(String service, Integer line, JsonNode logging) {
    var driver = logging.path("driver").asText("json-file");
    var options = new ArrayList<String>();
    logging.path("options").fieldNames().forEachRemaining(options::add);
    if (Set.of("json-file", "local").contains(driver)
        && Set.of("max-size", "max-file", "compress").containsAll(options)) {
      return;
    }
    problems.add(
        problem(
            line,
            "service " + service,
            "logging",
            "sends the logs through the " + driver + " driver",
            "the engine's default log driver (json-file), at most with max-size and max-file",
            "logging: " + brief(logging),
            SHARED
                + "; other log drivers send the container's output to places of that machine (syslog, journald, a network address), and the kit reads the logs from the default driver. Remove logging: from "
                + service
                + "."));
  }

  private void deploy(String service, YamlNode raw, JsonNode deploy) {
    var where = "service " + service;
    var rawDeploy = raw.get("deploy");
    deploy
        .properties()
        .forEach(
            field -> {
              var key = field.getKey();
              var value = field.getValue();
              var line = rawDeploy.keyLine(key);
              switch (key) {
                case "replicas" -> {
                  if (value.asInt(1) > 1) {
                    problems.add(
                        problem(
                            line,
                            where,
                            "deploy.replicas",
                            "starts " + value.asInt() + " containers of the service",
                            "one container per service (no replicas:)",
                            "replicas: " + value.asInt(),
                            SHARED
                                + "; every copy counts against it, and the lab needs one of each. Remove deploy: replicas:."));
                  }
                }
                case "resources", "placement" -> {
                  if (!value.isEmpty()) {
                    problems.add(
                        problem(
                            line,
                            where,
                            "deploy." + key,
                            "is refused",
                            "no deploy: " + key + ":",
                            key + ": " + brief(value),
                            SHARED
                                + ", and "
                                + key
                                + " "
                                + (key.equals("resources")
                                    ? RESOURCES
                                    : "places the service on chosen nodes")
                                + ". Remove "
                                + key
                                + ": from "
                                + service
                                + "'s deploy:."));
                  }
                }
                default ->
                    problems.add(
                        problem(
                            line,
                            where,
                            "deploy." + key,
                            "is not a Compose key this lab uses",
                            "no deploy: " + key + ":",
                            key + ": " + brief(value),
                            SHARED
                                + ", and it runs only what the lab teaches. Remove "
                                + key
                                + ": from "
                                + service
                                + "'s deploy:."));
              }
            });
  }

  private void build(String service, YamlNode raw, JsonNode build) {
    var where = "service " + service;
    var rawBuild = raw.get("build");
    var contextText = build.path("context").asText("");
    Path context = null;
    if (!contextText.startsWith("/")) {
      problems.add(
          problem(
              rawBuild.isScalar() ? raw.keyLine("build") : rawBuild.keyLine("context"),
              where,
              "build.context",
              "is not a folder of the project: " + contextText,
              "a folder inside the lab folder (build: ./app)",
              "context: " + contextText,
              SHARED
                  + "; a context from a Git repository or a URL is fetched from the network and never vetted. Build from ./app."));
    } else {
      var path = Path.of(contextText).normalize();
      if (!insideProject(path)) {
        problems.add(
            problem(
                rawBuild.isScalar() ? raw.keyLine("build") : rawBuild.keyLine("context"),
                where,
                "build.context",
                "sends " + contextText + " to the builder, from outside the lab folder",
                "a folder inside the lab folder (build: ./app)",
                "context: " + contextText,
                SHARED
                    + "; everything in the context is sent to the builder and can be copied into the image. Build from ./app."));
      } else {
        context = path;
        read.add(path);
      }
    }
    var builtFrom = context;
    build
        .properties()
        .forEach(
            field -> {
              var key = field.getKey();
              var value = field.getValue();
              var line = rawBuild.keyLine(key);
              switch (key) {
                case "context", "target", "labels" -> {}
                case "dockerfile" -> {
                  if (builtFrom != null) {
                    var dockerfile = builtFrom.resolve(value.asText()).normalize();
                    if (!dockerfile.startsWith(builtFrom)) {
                      problems.add(
                          problem(
                              line,
                              where,
                              "build.dockerfile",
                              value.asText() + " lies outside the build context",
                              "a Dockerfile inside the context (dockerfile: Dockerfile)",
                              "dockerfile: " + value.asText(),
                              SHARED
                                  + "; the builder reads the Dockerfile from wherever it points, outside the lab folder too, and quotes it in errors. Keep the Dockerfile in the context."));
                    } else {
                      read.add(dockerfile);
                    }
                  }
                }
                case "args" ->
                    value
                        .properties()
                        .forEach(
                            arg -> {
                              if (!arg.getValue().isValueNode() || arg.getValue().isNull()) {
                                problems.add(
                                    problem(
                                        line,
                                        where,
                                        "build.args",
                                        arg.getKey()
                                            + " has no value of its own: Compose would take it from the grading machine's environment",
                                        "a value for every build argument ("
                                            + arg.getKey()
                                            + ": …)",
                                        arg.getKey() + ": " + arg.getValue(),
                                        SHARED
                                            + "; its environment is not yours to read. Give "
                                            + arg.getKey()
                                            + " a value, or remove it."));
                              }
                            });
                default -> {
                  if (!key.startsWith("x-")) {
                    problems.add(
                        problem(
                            line,
                            where,
                            "build." + key,
                            WHY_BUILD.containsKey(key)
                                ? "is refused"
                                : "is not a build key this lab uses",
                            "build: with context, dockerfile, target, args or labels only",
                            key + ": " + brief(value),
                            SHARED
                                + (WHY_BUILD.containsKey(key)
                                    ? ", and " + key + " " + WHY_BUILD.get(key) + "."
                                    : ", and it builds only what the lab teaches.")
                                + " Remove "
                                + key
                                + ": from "
                                + service
                                + "'s build:."));
                  }
                }
              }
            });
  }

  private void mounts(String service, YamlNode raw, JsonNode volumes) {
    var where = "service " + service;
    for (var mount : volumes) {
      var type = mount.path("type").asText();
      var source = mount.path("source").asText("");
      var target = mount.path("target").asText("");
      var written = written(raw, target).orElse(type + " " + source + ":" + target);
      var line = mountLine(raw, target);
      var extra = extraKeys(mount, type);
      if (!extra.isEmpty()) {
        problems.add(
            problem(
                line,
                where,
                "volumes",
                "mounts " + target + " with options the lab does not use: " + extra,
                "a plain mount: source, target and read_only",
                written,
                SHARED
                    + "; options such as bind propagation reach past the mount. Remove "
                    + String.join(", ", extra)
                    + "."));
      }
      switch (type) {
        case "volume" -> {
          if (!source.isEmpty() && !model.path("volumes").has(source)) {
            problems.add(
                problem(
                    line,
                    where,
                    "volumes",
                    "mounts " + source + ", which is not a volume of the project",
                    "a volume listed under the top-level volumes:",
                    written,
                    SHARED + ". Declare the volume under volumes: at the top level."));
          }
        }
        case "tmpfs" -> {}
        case "bind" -> bind(service, line, Path.of(source).normalize(), mount, written);
        default ->
            problems.add(
                problem(
                    line,
                    where,
                    "volumes",
                    "mounts " + target + " with a mount of type " + type,
                    "named volumes, tmpfs, or bind mounts of folders inside the lab folder",
                    written,
                    SHARED
                        + "; a mount of type "
                        + type
                        + " reaches something of that machine. Use a named volume instead."));
      }
    }
  }

  /** Keys of a mount beyond what the lab uses, e.g. bind propagation. */
  private static List<String> extraKeys(JsonNode mount, String type) {
    var extra = new ArrayList<String>();
    mount
        .properties()
        .forEach(
            field -> {
              var key = field.getKey();
              var allowedBelow =
                  switch (key) {
                    case "type", "source", "target", "read_only", "consistency" -> null;
                    case "volume" -> Set.of("nocopy");
                    case "bind" -> Set.of("create_host_path");
                    case "tmpfs" -> Set.of("size", "mode");
                    default -> Set.<String>of();
                  };
              if (allowedBelow == null) {
                return;
              }
              if (allowedBelow.isEmpty() || !key.equals(type)) {
                extra.add(key);
                return;
              }
              field
                  .getValue()
                  .fieldNames()
                  .forEachRemaining(
                      below -> {
                        if (!allowedBelow.contains(below)) {
                          extra.add(key + "." + below);
                        }
                      });
            });
    return extra;
  }

  private void bind(String service, Integer line, Path source, JsonNode mount, String written) {
    var where = "service " + service;
    if (!insideProject(source)) {
      String what;
      String why;
      if (source.equals(source.getRoot())) {
        what =
            "mounts / of the host, the whole grading machine, into "
                + mount.path("target").asText();
        why = "; with its / mounted, a container reads and writes every file of that machine.";
      } else if (source.getFileName().toString().equals("docker.sock")) {
        what = "mounts the Docker engine's socket " + source;
        why =
            "; whoever holds the engine's socket starts privileged containers: root on that machine.";
      } else {
        what = "mounts " + source + ", a folder of the grading machine outside the lab folder";
        why = "; a bind mount outside your lab folder hands that machine's files to the container.";
      }
      problems.add(
          problem(
              line,
              where,
              "volumes",
              what,
              "named volumes, tmpfs, or bind mounts of folders inside the lab folder (./data:/data)",
              written,
              SHARED + why + " Remove " + written + " from " + service + "'s volumes:."));
      return;
    }
    binds.add(new Bind(service, source, !mount.path("read_only").asBoolean(false), written, line));
  }

  private void networks(String service, YamlNode raw, JsonNode networks) {
    networks
        .properties()
        .forEach(
            network -> {
              var settings = network.getValue();
              var extra = new ArrayList<String>();
              settings.fieldNames().forEachRemaining(extra::add);
              extra.remove("aliases");
              if (!extra.isEmpty()) {
                problems.add(
                    problem(
                        raw.keyLine("networks"),
                        "service " + service,
                        "networks",
                        "sets " + extra + " on the network " + network.getKey(),
                        "the project's networks, with aliases at most",
                        network.getKey() + ": " + brief(settings),
                        SHARED
                            + "; fixed addresses can collide with other projects on it. Remove "
                            + String.join(", ", extra)
                            + "."));
              }
            });
  }

  private void secrets(String service, YamlNode raw, String key, JsonNode entries) {
    for (var entry : entries) {
      var extra = new ArrayList<String>();
      entry.fieldNames().forEachRemaining(extra::add);
      extra.removeAll(List.of("source", "target", "uid", "gid", "mode"));
      if (!extra.isEmpty()) {
        problems.add(
            problem(
                raw.keyLine(key),
                "service " + service,
                key,
                "sets " + extra + " on " + entry.path("source").asText(),
                "source and target (uid, gid, mode) only",
                brief(entry),
                SHARED + ". Remove " + String.join(", ", extra) + "."));
      }
    }
  }

  // ------------------------------------------------------------------ writable bind mounts

  /**
   * A container writes into a writable bind mount, links included; a link planted where Compose or
   * the kit reads later (compose.yaml, an env file, another bind mount's folder) would reach
   * outside the lab folder at the next {@code up}.
   */
  private void writableBinds() {
    for (var bind : binds) {
      if (!bind.writable()) {
        continue;
      }
      var held =
          read.stream()
              .filter(path -> path.startsWith(bind.source()))
              .map(this::relative)
              .findFirst()
              .or(
                  () ->
                      binds.stream()
                          .filter(
                              other ->
                                  other.source().startsWith(bind.source())
                                      && !other.source().equals(bind.source()))
                          .map(other -> relative(other.source()) + " (" + other.service() + ")")
                          .findFirst());
      if (held.isEmpty()) {
        continue;
      }
      problems.add(
          problem(
              bind.line(),
              "service " + bind.service(),
              "volumes",
              "mounts "
                  + relative(bind.source())
                  + " writable, "
                  + "and it holds "
                  + held.orElseThrow(),
              "a writable bind mount of a folder of its own (./pgdata:/var/lib/postgresql/data), or :ro",
              bind.written(),
              SHARED
                  + "; a container can write links into a writable bind mount, and Compose and the kit read "
                  + "compose.yaml, env files, build contexts and other mounts from the same folder, so a planted link "
                  + "would reach outside the lab folder at the next up. Mount a folder of its own, or add :ro."));
    }
  }

  // ------------------------------------------------------------------ helpers

  /**
   * A top-level key of the raw file, also when a merge key ({@code <<: *anchor}) brings it:
   * Compose's reading has merged include away.
   */
  private static YamlNode topLevel(YamlNode file, String key) {
    if (file.has(key)) {
      return file.get(key);
    }
    var merged = file.get("<<");
    for (var source : merged.isList() ? merged.items() : List.of(merged)) {
      if (source.has(key)) {
        return source.get(key);
      }
    }
    return YamlNode.missing();
  }

  /**
   * Whether a path lies inside the project folder with no link on the way (as far as it exists).
   */
  private boolean insideProject(Path path) {
    var normal = path.normalize();
    if (!normal.isAbsolute() || !normal.startsWith(project)) {
      return false;
    }
    var current = project;
    for (var part : project.relativize(normal)) {
      current = current.resolve(part);
      if (Files.isSymbolicLink(current)) {
        return false;
      }
      if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
        return true;
      }
    }
    return true;
  }

  private String relative(Path path) {
    var relative = project.relativize(path).toString();
    return relative.isEmpty() ? "the lab folder (.)" : "./" + relative;
  }

  /** How the learner wrote the mount with this target, when it is in the file itself. */
  private static Optional<String> written(YamlNode service, String target) {
    return mountItem(service, target)
        .map(
            item ->
                item.isScalar()
                    ? item.text()
                    : "type: " + item.get("type").text() + ", target: " + target);
  }

  private static Integer mountLine(YamlNode service, String target) {
    return mountItem(service, target).map(YamlNode::line).orElse(service.keyLine("volumes"));
  }

  private static Optional<YamlNode> mountItem(YamlNode service, String target) {
    for (var item : service.get("volumes").items()) {
      if (item.isScalar()) {
        var parts = item.text().split(":");
        var written = parts.length >= 2 ? parts[1] : parts[0];
        if (trimSlash(written).equals(trimSlash(target))) {
          return Optional.of(item);
        }
      } else if (trimSlash(item.get("target").text()).equals(trimSlash(target))) {
        return Optional.of(item);
      }
    }
    return Optional.empty();
  }

  private static String trimSlash(String path) {
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  /** A value as one short line, for "actual". */
  private static String brief(JsonNode value) {
    var text = value.isValueNode() ? value.asText() : value.toString();
    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }

  private Problem problem(
      Integer line,
      String where,
      String key,
      String what,
      String expected,
      String actual,
      String hint) {
    return Problem.in(composeFile, where + ": " + key + " " + what)
        .at(line, null)
        .expected(expected)
        .actual(actual)
        .hint(hint);
  }

  /** A top-level key (include): no "where". */
  private Problem problem(
      Integer line, String key, String what, String expected, String actual, String hint) {
    return Problem.in(composeFile, key + " " + what)
        .at(line, null)
        .expected(expected)
        .actual(actual)
        .hint(hint);
  }
}
