package dev.labkit.harness.doctor;

import com.sun.management.OperatingSystemMXBean;
import dev.labkit.harness.docker.BuildLimits;
import dev.labkit.harness.docker.DockerCli;
import dev.labkit.harness.images.ImageCatalog;
import dev.labkit.harness.lab.LabCatalog;
import dev.labkit.harness.run.EnvironmentProblem;
import dev.labkit.harness.run.LabSettings;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What a workshop room needs, checked on this machine before the learners arrive: Java, Maven, the
 * Docker engine and its plugins, memory, disk, every catalogued image, the clock, and the ports the
 * labs' by-hand steps use. Each finding says what to do.
 */
public final class Doctor {

  static final long GIB = 1024L * 1024 * 1024;
  static final int MIN_JAVA = 17;
  static final long WARN_MEMORY = 4 * GIB;
  static final long WARN_DISK = 15 * GIB;
  static final Duration CLOCK_TOLERANCE = Duration.ofSeconds(30);

  /** Ports the labs' READMEs publish when learners try things by hand. */
  static final List<Integer> BY_HAND_PORTS = List.of(8080, 4566, 9090, 9093);

  private final Path kitRoot;
  private final String mavenVersion;

  public Doctor(Path kitRoot, String mavenVersion) {
    this.kitRoot = kitRoot;
    this.mavenVersion = mavenVersion;
  }

  public List<Finding> examine() {
    var findings = new ArrayList<Finding>();
    findings.add(java(Runtime.version().feature(), Runtime.version().toString()));
    findings.add(maven(mavenVersion));
    var engine = dockerVersion();
    findings.add(engine(engine));
    if (engine.isPresent()) {
      findings.add(plugin("docker compose", List.of("compose", "version", "--short")));
      findings.add(plugin("docker buildx", List.of("buildx", "version")));
      var catalog = ImageCatalog.load(kitRoot, new LabSettings(key -> Optional.empty()));
      var labs = new LabCatalog(kitRoot);
      var started = new HashSet<String>();
      labs.ids().forEach(id -> started.addAll(labs.load(id).images()));
      findings.addAll(
          images(
              catalog.pinned(),
              started,
              name ->
                  Files.isRegularFile(
                      kitRoot.resolve("images").resolve(name).resolve("Dockerfile")),
              this::imagePresent));
      findings.add(disk("disk (Docker)", dockerRoot().orElse(kitRoot)));
      findings.add(buildLimits(BuildLimits.processLimit()));
      findings.add(userNamespaces(this::kernelSetting));
    }
    findings.add(memory(availableMemory()));
    findings.add(disk("disk (kit)", kitRoot));
    findings.add(clock(remoteTime()));
    BY_HAND_PORTS.forEach(port -> findings.add(port(port, portFree(port))));
    return findings;
  }

  // ------------------------------------------------------------- the rules

  static Finding java(int feature, String version) {
    return feature >= MIN_JAVA
        ? Finding.ok("Java", version)
        : Finding.fail(
            "Java",
            version,
            "Install a JDK " + MIN_JAVA + " or newer (Temurin, or Debian's openjdk-17-jdk).");
  }

  static Finding maven(String version) {
    if (version == null || version.isBlank()) {
      return Finding.warn(
          "Maven", "unknown", "Run the doctor through Maven: mvn -q verify -Pdoctor.");
    }
    var parts = version.split("\\.");
    boolean recent =
        parts.length >= 2
            && parts[0].matches("\\d+")
            && parts[1].matches("\\d+")
            && (Integer.parseInt(parts[0]) > 3 || Integer.parseInt(parts[1]) >= 8);
    return recent
        ? Finding.ok("Maven", version)
        : Finding.fail("Maven", version, "Install Maven 3.8 or newer.");
  }

  static Finding engine(Optional<String> version) {
    return version
        .map(v -> Finding.ok("Docker engine", v))
        .orElseGet(
            () ->
                Finding.fail(
                    "Docker engine",
                    "no engine answers",
                    "Start Docker; on Linux as root: bash scripts/setup-docker.sh (installs and starts dockerd)."));
  }

  /**
   * Every catalogued image: missing is a FAIL for one a lab starts, a WARN for the others (grafana,
   * which only a by-hand compose file uses). The advice depends on whether the kit has a recipe.
   */
  static List<Finding> images(
      Map<String, String> pinned,
      Set<String> startedByLabs,
      Predicate<String> hasRecipe,
      Predicate<String> present) {
    var findings = new ArrayList<Finding>();
    new TreeMap<>(pinned)
        .forEach(
            (name, image) -> {
              if (present.test(image)) {
                findings.add(Finding.ok("image " + name, image));
                return;
              }
              var todo =
                  hasRecipe.test(name)
                      ? "Build it (no registry needed): bash scripts/build-images.sh "
                          + name
                          + "; or import a room bundle."
                      : "Pull it where a registry is reachable: docker pull " + image + ".";
              findings.add(
                  startedByLabs.contains(name)
                      ? Finding.fail("image " + name, image + " is missing", todo)
                      : Finding.warn(
                          "image " + name, image + " is missing (no check starts it)", todo));
            });
    return findings;
  }

  static Finding memory(long availableBytes) {
    var seen = String.format("%.1f GiB available", availableBytes / (double) GIB);
    return availableBytes >= WARN_MEMORY
        ? Finding.ok("memory", seen)
        : Finding.warn(
            "memory",
            seen,
            "Close other programs: the Docker labs start up to four containers; 4 GiB keeps them comfortable.");
  }

  static Finding disk(String topic, Path where) {
    try {
      long free = Files.getFileStore(where).getUsableSpace();
      var seen = String.format("%.1f GiB free at %s", free / (double) GIB, where);
      return free >= WARN_DISK
          ? Finding.ok(topic, seen)
          : Finding.warn(
              topic,
              seen,
              "The images take about 6 GiB and builds need room: free some space (docker system prune).");
    } catch (IOException e) {
      return Finding.warn(
          topic, "cannot read free space at " + where, "Check the disk by hand (df -h).");
    }
  }

  static Finding clock(Optional<Instant> remote) {
    if (remote.isEmpty()) {
      return Finding.warn(
          "clock",
          "no time server reachable to compare with",
          "Offline, the labs only compare the machine with itself, which is fine. Before using -Dlabkit.s3=aws, sync the clock (timedatectl set-ntp true): AWS refuses signatures more than 15 minutes off.");
    }
    var skew = Duration.between(remote.get(), Instant.now()).abs();
    var seen = "off by " + skew.toSeconds() + " s";
    return skew.compareTo(CLOCK_TOLERANCE) <= 0
        ? Finding.ok("clock", seen)
        : Finding.fail(
            "clock",
            seen,
            "Sync the clock (timedatectl set-ntp true): presigned URLs are signed with it and expire by it.");
  }

  static Finding buildLimits(Optional<Long> processLimit) {
    return processLimit
        .map(limit -> Finding.ok("build limits", "RUN steps share at most " + limit + " processes"))
        .orElseGet(
            () ->
                Finding.warn(
                    "build limits",
                    "RUN steps of learners' Dockerfiles have no process or memory limit",
                    "Before grading submissions you did not write: sudo bash scripts/limit-builds.sh (a local engine with the cgroupfs driver), or grade on a disposable machine per submission."));
  }

  /**
   * The github-actions-deploy runner's rootless engine needs unprivileged user namespaces: a kernel
   * may switch them off (max_user_namespaces 0, Debian's unprivileged_userns_clone 0) or restrict
   * them with AppArmor (Ubuntu 24.04). {@code setting} reads {@code /proc/sys/<name>}.
   */
  static Finding userNamespaces(Function<String, Optional<String>> setting) {
    var topic = "user namespaces";
    var max = setting.apply("user/max_user_namespaces");
    if (max.isEmpty()) {
      return Finding.ok(topic, "not a Linux kernel here: the Docker machine's kernel decides");
    }
    var blocked = new ArrayList<String>();
    var fixes = new ArrayList<String>();
    if (max.get().equals("0")) {
      blocked.add("user.max_user_namespaces=0");
      fixes.add("user.max_user_namespaces=15000");
    }
    if (setting.apply("kernel/unprivileged_userns_clone").filter("0"::equals).isPresent()) {
      blocked.add("kernel.unprivileged_userns_clone=0");
      fixes.add("kernel.unprivileged_userns_clone=1");
    }
    if (setting
        .apply("kernel/apparmor_restrict_unprivileged_userns")
        .filter("1"::equals)
        .isPresent()) {
      blocked.add("kernel.apparmor_restrict_unprivileged_userns=1");
      fixes.add("kernel.apparmor_restrict_unprivileged_userns=0");
    }
    return blocked.isEmpty()
        ? Finding.ok(topic, "unprivileged user namespaces allowed")
        : Finding.warn(
            topic,
            String.join(", ", blocked),
            "github-actions-deploy runs its pipeline on a rootless Docker engine, which needs them:"
                + " sudo sysctl -w "
                + String.join(" ", fixes));
  }

  private Optional<String> kernelSetting(String name) {
    try {
      return Optional.of(Files.readString(Path.of("/proc/sys").resolve(name)).strip());
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  static Finding port(int port, boolean free) {
    return free
        ? Finding.ok("port " + port, "free on 127.0.0.1")
        : Finding.warn(
            "port " + port,
            "in use",
            "The checks never need it (they use ports Docker picks), but the READMEs' by-hand commands publish it: stop what holds it.");
  }

  // ---------------------------------------------------------- the probes

  private static Optional<String> dockerVersion() {
    var result = docker(List.of("version", "--format", "{{.Server.Version}}"));
    return result.succeeded() ? Optional.of(result.output().strip()) : Optional.empty();
  }

  private static Finding plugin(String name, List<String> arguments) {
    var result = docker(arguments);
    var first = result.output().strip().lines().findFirst().orElse("");
    return result.succeeded()
        ? Finding.ok(name, first)
        : Finding.fail(
            name,
            "missing",
            "Install it: bash scripts/setup-docker-plugins.sh (Debian's packages).");
  }

  private boolean imagePresent(String image) {
    return docker(List.of("image", "inspect", "--format", "{{.Id}}", image)).succeeded();
  }

  private static Optional<Path> dockerRoot() {
    var result = docker(List.of("info", "--format", "{{.DockerRootDir}}"));
    var path = Path.of(result.output().strip());
    return result.succeeded() && Files.isDirectory(path) ? Optional.of(path) : Optional.empty();
  }

  /** Linux's MemAvailable (free plus reclaimable cache), else what the JVM can tell. */
  public static long availableMemory() {
    try {
      for (var line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemAvailable:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException notLinux) {
      // fall through to the JVM's view
    }
    var os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof OperatingSystemMXBean bean) {
      return bean.getFreeMemorySize();
    }
    return Runtime.getRuntime().maxMemory();
  }

  /** The Date header of a well-known HTTPS server, if one answers within 3 s. */
  private static Optional<Instant> remoteTime() {
    try {
      var response =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(3))
              .build()
              .send(
                  HttpRequest.newBuilder(URI.create("https://repo.maven.apache.org/"))
                      .method("HEAD", HttpRequest.BodyPublishers.noBody())
                      .timeout(Duration.ofSeconds(3))
                      .build(),
                  HttpResponse.BodyHandlers.discarding());
      return response
          .headers()
          .firstValue("date")
          .map(date -> ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static boolean portFree(int port) {
    try (var socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException taken) {
      return false;
    }
  }

  private static DockerCli.Result docker(List<String> arguments) {
    try {
      return DockerCli.run(
          arguments, Path.of(System.getProperty("java.io.tmpdir")), Duration.ofSeconds(20));
    } catch (EnvironmentProblem noDockerCommand) {
      return new DockerCli.Result(-1, noDockerCommand.getMessage(), false);
    }
  }
}
