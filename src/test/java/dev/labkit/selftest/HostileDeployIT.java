package dev.labkit.selftest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.labkit.harness.docker.DockerCli;
import dev.labkit.harness.docker.DockerEngine;
import dev.labkit.harness.docker.EngineContainer;
import dev.labkit.harness.docker.KitContainers;
import dev.labkit.harness.images.ImageCatalog;
import dev.labkit.harness.report.CheckStatus;
import dev.labkit.harness.report.RunReport;
import dev.labkit.harness.run.DaemonThreads;
import dev.labkit.harness.run.KitRoot;
import dev.labkit.harness.run.LabSettings;
import dev.labkit.harness.run.RunSession;
import dev.labkit.harness.selftest.LabCheckRunner;
import dev.labkit.harness.selftest.SelfTestSlots;
import dev.labkit.harness.workspace.Folders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * A hostile github-actions-deploy submission cannot reach beyond the machine the kit lends it (the
 * rootless engine of {@link EngineContainer}). Its {@code deploy.sh} and a step of its workflow run
 * {@code escape-probes.sh} (in {@code src/test/resources/dev/labkit/selftest/hostile-deploy/}):
 * make device nodes, write {@code devices.allow}, look for and write other containers' cgroups and
 * the build limit's {@code pids.max}, write release agents and {@code core_pattern}, from the
 * machine and from a container of its engine that asks for every capability, and leave processes
 * running. Every attempt must fail; afterwards no marker file is on this machine, its cgroup files
 * hold what they held, and no process of the run is left. The submission still passes every check:
 * the lab works under these rules.
 *
 * <p>Needs a local engine whose containers' processes and cgroup files this JVM sees (it checks the
 * machine from the outside); skipped elsewhere, and when another lab is selected. Each run takes
 * one of the lab's selftest slots, so the lab's cases and these never have more engines at once
 * than its {@code selftest-parallel}.
 */
// Beside the labs' selftest cases, not after them: it mostly waits, and its lab's slots bound it.
@Execution(ExecutionMode.CONCURRENT)
@ExtendWith(RunSession.Held.class)
class HostileDeployIT {

  private static final String LAB = "github-actions-deploy";
  private static final Path FIXTURE =
      Path.of("src/test/resources/dev/labkit/selftest/hostile-deploy");
  private static final String RUN_ID = UUID.randomUUID().toString().substring(0, 12);

  /** Each attempt the probes make, where they make it. */
  private static final Set<String> ON_THE_MACHINE =
      Set.of(
          "root-process",
          "setuid-root",
          "mknod-disk",
          "mknod-mem",
          "devices-allow",
          "cgroup-tree",
          "cgroup-write",
          "release-agent",
          "cgroup-mount",
          "core-pattern",
          "core-pattern-userns",
          "privileged-container");

  private static final Set<String> IN_AN_INNER_CONTAINER =
      Set.of(
          "mknod-disk",
          "mknod-mem",
          "devices-allow",
          "cgroup-tree",
          "cgroup-write",
          "release-agent",
          "cgroup-mount",
          "core-pattern");

  private static final Pattern OUTCOME =
      Pattern.compile("^(refused|ESCAPED) (\\S+) \\((machine|inner container)\\): (.*)$");

  private static ImageCatalog images;
  private static GenericContainer<?> neighbour;
  private static List<Path> machineFiles;
  private static Map<Path, String> before;

  @BeforeAll
  static void aNeighbourAndTheMachineFilesToGuard() throws IOException {
    var lab = Optional.ofNullable(System.getProperty(LabSettings.LAB)).filter(l -> !l.isBlank());
    assumeTrue(lab.isEmpty() || lab.get().equals(LAB), "another lab is selected");
    assumeTrue(DockerEngine.isAvailable(), DockerEngine.NOT_REACHABLE);
    images = ImageCatalog.load(KitRoot.locate(), new LabSettings(key -> Optional.empty()));
    List.of("act-runner", "registry").forEach(name -> DockerEngine.requireImage(image(name)));
    // Another container on the machine, as another submission's would be: its cgroups are targets.
    neighbour = KitContainers.label(new GenericContainer<>(image("registry")));
    neighbour.start();
    var pid = neighbour.getContainerInfo().getState().getPidLong();
    var cgroups = Path.of("/proc", String.valueOf(pid), "cgroup");
    assumeTrue(
        Files.isReadable(cgroups),
        "this JVM does not see the engine's processes (a remote engine?); the test checks the machine from outside");
    machineFiles = new ArrayList<>(neighbourLimits(cgroups));
    Stream.of(
            "/sys/fs/cgroup/pids/docker/buildkit/pids.max",
            "/sys/fs/cgroup/docker/buildkit/pids.max")
        .map(Path::of)
        .filter(Files::isRegularFile)
        .forEach(machineFiles::add);
    assumeTrue(!machineFiles.isEmpty(), "no cgroup files of the neighbour in sight");
    before = read(machineFiles);
  }

  @AfterAll
  static void removeTheNeighbour() {
    if (neighbour != null) {
      neighbour.stop();
    }
  }

  @Test
  void everyAttemptFromTheMachineAndFromItsContainersIsRefused() throws Exception {
    SelfTestSlots.inSlotOf(
        LAB,
        () -> {
          probeAnEngine();
          return null;
        });
  }

  private void probeAnEngine() throws IOException {
    var runId = RUN_ID + "-direct";
    var folder = Folders.createTemp("hostile-probes");
    try (var engine = new EngineContainer(image("act-runner"))) {
      Folders.copy(KitRoot.locate().resolve(FIXTURE).resolve("deploy"), folder);
      engine.start();
      engine.copyFileToContainer(MountableFile.forHostPath(folder, 0755), "/home/runner/probes");
      loadInto(engine, image("registry"), folder);

      var probes =
          engine.exec(
              Duration.ofMinutes(3),
              withTargets(
                  "sh",
                  "/home/runner/probes/escape-probes.sh",
                  runId,
                  image("registry").asCanonicalNameString()));

      var outcomes = outcomes(probes.output());
      assertThat(outcomes.get("ESCAPED"))
          .as("attempts that got out of the machine; the probes said:%n%s", probes.output())
          .isEmpty();
      assertThat(outcomes.get("refused machine"))
          .as("attempts refused on the machine; the probes said:%n%s", probes.output())
          .containsAll(ON_THE_MACHINE);
      assertThat(outcomes.get("refused inner container"))
          .as(
              "attempts refused in a container of its engine; the probes said:%n%s",
              probes.output())
          .containsAll(IN_AN_INNER_CONTAINER);
      assertThat(probes.exitCode()).as("the probes' exit code:%n%s", probes.output()).isZero();
      assertThat(processesOf(runId))
          .as("what the probes left running is visible from here while their machine runs")
          .hasSizeGreaterThanOrEqualTo(2);
    } finally {
      Folders.delete(folder);
    }
    assertTheMachineIsAsBefore(runId);
  }

  @Test
  void theHostileSubmissionPassesEveryCheckAndLeavesNothingBehind() throws Exception {
    var caseFolder =
        KitRoot.locate().resolve("target/labkit/selftest").resolve(LAB).resolve("hostile");
    var workspace = caseFolder.resolve("workspace");
    Folders.delete(workspace);
    Folders.copy(
        KitRoot.locate().resolve("labs").resolve(LAB).resolve(".meta/solution"), workspace);
    var deploy = workspace.resolve("deploy");
    Files.move(deploy.resolve("deploy.sh"), deploy.resolve("solution-deploy.sh"));
    Folders.copy(KitRoot.locate().resolve(FIXTURE), workspace);
    Files.writeString(
        deploy.resolve("hostile.env"),
        "RUN_ID="
            + RUN_ID
            + "\nTARGETS='"
            + machineFiles.stream().map(Path::toString).collect(Collectors.joining(" "))
            + "'\n");
    try (var scripts = Files.list(deploy)) {
      for (var script : scripts.filter(f -> f.toString().endsWith(".sh")).toList()) {
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
    }

    // What the probes leave running is the sign they ran to their end: once from deploy.sh on
    // each machine, once from the workflow step.
    var leftBehind = new ConcurrentSkipListSet<String>();
    var watch = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("hostile-watch"));
    watch.scheduleWithFixedDelay(
        () -> processesOf(RUN_ID).forEach(line -> leftBehind.add(line.replaceAll(".*: ", ""))),
        0,
        1,
        TimeUnit.SECONDS);
    RunReport report;
    try {
      report =
          SelfTestSlots.inSlotOf(
              LAB,
              () -> LabCheckRunner.run(LAB, workspace, caseFolder.resolve("report"), Map.of()));
    } finally {
      watch.shutdownNow();
    }

    var table =
        report.checks().stream()
            .map(
                check ->
                    "  "
                        + check.id()
                        + " "
                        + check.status().label()
                        + (check.message() == null ? "" : "\n" + check.message()))
            .collect(Collectors.joining("\n"));
    assertThat(report.checks())
        .as("the hostile submission, whose probes fail its checks if they get out:%n%s", table)
        .isNotEmpty()
        .allMatch(check -> check.status() == CheckStatus.PASSED);
    assertThat(leftBehind)
        .as("the probes ran to their end in deploy.sh and in the workflow step")
        .contains("labkit-hostile-" + RUN_ID, "labkit-hostile-" + RUN_ID + "-step");
    assertTheMachineIsAsBefore(RUN_ID);
  }

  /** No marker file, every guarded cgroup file as before, no process of the run left. */
  private static void assertTheMachineIsAsBefore(String runId) throws IOException {
    var markers = new ArrayList<Path>();
    for (var folder :
        List.of(Path.of("/"), Path.of("/tmp"), Path.of("/var/tmp"), Path.of("/root"))) {
      if (Files.isDirectory(folder)) {
        try (var names = Files.list(folder)) {
          names.filter(p -> p.getFileName().toString().contains(runId)).forEach(markers::add);
        }
      }
    }
    assertThat(markers).as("files the probes left on this machine").isEmpty();
    assertThat(read(machineFiles)).as("the guarded cgroup files of this machine").isEqualTo(before);
    await("no process of run " + runId + " is left on this machine")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> processesOf(runId).isEmpty());
  }

  /** The neighbour's process, memory and CPU limits, as this machine's cgroup files hold them. */
  private static List<Path> neighbourLimits(Path cgroups) throws IOException {
    var files = new ArrayList<Path>();
    for (var line : Files.readAllLines(cgroups)) {
      var fields = line.split(":", 3);
      var controllers = Set.of(fields[1].split(","));
      var folder = Path.of("/sys/fs/cgroup");
      if (fields[1].isEmpty()) {
        Stream.of("pids.max", "memory.max", "cpu.weight")
            .map(name -> Path.of("/sys/fs/cgroup" + fields[2], name))
            .forEach(files::add);
      } else if (controllers.contains("pids")) {
        files.add(folder.resolve("pids" + fields[2] + "/pids.max"));
      } else if (controllers.contains("memory")) {
        files.add(folder.resolve("memory" + fields[2] + "/memory.limit_in_bytes"));
      } else if (controllers.contains("cpu")) {
        files.add(folder.resolve(fields[1] + fields[2] + "/cpu.shares"));
      }
    }
    return files.stream().filter(Files::isRegularFile).toList();
  }

  private static Map<Path, String> read(List<Path> files) {
    var values = new LinkedHashMap<Path, String>();
    for (var file : files) {
      try {
        values.put(file, Files.readString(file).strip());
      } catch (IOException e) {
        values.put(file, "unreadable: " + e.getMessage());
      }
    }
    return values;
  }

  /** This machine's processes whose command line names the run. */
  private static List<String> processesOf(String runId) {
    var found = new ArrayList<String>();
    try (var processes = Files.list(Path.of("/proc"))) {
      for (var process :
          processes.filter(p -> p.getFileName().toString().matches("[0-9]+")).toList()) {
        try {
          var line =
              new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8)
                  .replace('\0', ' ');
          if (line.contains("labkit-hostile-" + runId)) {
            found.add(process.getFileName() + " " + line.strip());
          }
        } catch (IOException ended) {
          // the process ended while we looked
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }

  /** "ESCAPED" → probes that got out; "refused machine", "refused inner container" → refused. */
  private static Map<String, Set<String>> outcomes(String output) {
    var outcomes = new LinkedHashMap<String, Set<String>>();
    outcomes.put("ESCAPED", new TreeSet<>());
    outcomes.put("refused machine", new TreeSet<>());
    outcomes.put("refused inner container", new TreeSet<>());
    for (var line : output.split("\n")) {
      var matcher = OUTCOME.matcher(line.strip());
      if (matcher.matches()) {
        var key = matcher.group(1).equals("ESCAPED") ? "ESCAPED" : "refused " + matcher.group(3);
        outcomes.get(key).add(matcher.group(2));
      }
    }
    return outcomes;
  }

  private static String[] withTargets(String... command) {
    var all = new ArrayList<>(List.of(command));
    machineFiles.forEach(file -> all.add(file.toString()));
    return all.toArray(String[]::new);
  }

  /** Puts an image of this machine's engine into the inner one (it reaches no registry). */
  private static void loadInto(EngineContainer engine, DockerImageName image, Path folder) {
    var tar = folder.resolve("image.tar");
    var limit = Duration.ofMinutes(3);
    var save =
        DockerCli.run(
            List.of("save", "-o", tar.toString(), image.asCanonicalNameString()), folder, limit);
    assertThat(save.succeeded()).as("docker save: %s", save.output()).isTrue();
    tar.toFile().setReadable(true, false);
    var copy =
        DockerCli.run(
            List.of("cp", tar.toString(), engine.getContainerId() + ":/home/runner/image.tar"),
            folder,
            limit);
    assertThat(copy.succeeded()).as("docker cp: %s", copy.output()).isTrue();
    var load =
        engine.exec(
            limit,
            "sh",
            "-c",
            "docker load -q -i /home/runner/image.tar && rm /home/runner/image.tar");
    assertThat(load.succeeded()).as("docker load in the engine: %s", load.output()).isTrue();
  }

  private static DockerImageName image(String name) {
    return images.image(name);
  }
}
