package dev.labkit.selftest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import dev.labkit.harness.compose.ComposeCase;
import dev.labkit.harness.docker.DockerEngine;
import dev.labkit.harness.docker.KitContainers;
import dev.labkit.harness.report.CheckResult;
import dev.labkit.harness.report.CheckStatus;
import dev.labkit.harness.report.RunReport;
import dev.labkit.harness.run.KitRoot;
import dev.labkit.harness.run.RunSession;
import dev.labkit.harness.selftest.LabCheckRunner;
import dev.labkit.harness.selftest.SelfTestSlots;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.testcontainers.DockerClientFactory;

/**
 * Hostile compose files graded on the real engine, beside the solution: every case under {@code
 * src/test/resources/compose/refused*} (privileged, the host's / and the Docker socket mounted,
 * cap_add, host namespaces, an env_file outside the project, a named volume binding /, a built
 * image named postgres:17, five replicas, ...) is the docker-basics solution with one change. Each
 * must fail compose-up naming the key and the service, before anything is built or started; no
 * container of the run may have any refused setting; a host file's content must reach no report;
 * and the kit's own images keep their ids.
 *
 * <p>The hostile cases run the four compose checks only ({@link LabCheckRunner#runChecks}): those
 * still build the image and start the stack if the file gets through, and skipping the image checks
 * keeps each case to seconds. The solution runs whole, at the same time.
 */
// Beside the labs' selftest cases, not after them: it mostly waits, and its lab's slots bound it.
@Execution(ExecutionMode.CONCURRENT)
@ExtendWith(RunSession.Held.class)
class HostileComposeIT {

  private static final String LAB = "docker-basics";
  private static final Set<String> COMPOSE_CHECKS =
      Set.of("compose-up", "only-api-published", "waits-for-db", "data-survives");
  private static final List<String> KIT_IMAGES =
      List.of("postgres:17", "maven:3.9.9-eclipse-temurin-21", "eclipse-temurin:21-jre");

  @TempDir Path folder;

  static List<ComposeCase> hostile() {
    return Stream.concat(
            ComposeCase.all("refused").stream(), ComposeCase.all("refused-before-compose").stream())
        .toList();
  }

  @Test
  void hostileComposeFilesAreRefusedBeforeAnythingRunsWhileTheSolutionPasses() throws Exception {
    var chosen = System.getProperty("lab", "").strip();
    assumeTrue(chosen.isEmpty() || chosen.equals(LAB), "another lab was chosen: " + chosen);
    assumeTrue(DockerEngine.isAvailable(), DockerEngine.NOT_REACHABLE);
    var imagesBefore = imageIds();
    // A host file the hostile env_file, extends and include point at. An unterminated quote makes
    // Compose quote it in its error, which compose-up would report (measured with Compose 2.26).
    var secret = "labkit-host-secret-" + UUID.randomUUID();
    var hostFile = folder.resolve("host/secret.env");
    Files.createDirectories(hostFile.getParent());
    Files.writeString(hostFile, "HOST_SECRET=\"" + secret + "\n");

    RunReport solution;
    var reports = new TreeMap<String, RunReport>();
    try (var watch = new ContainerWatch()) {
      var pool = Executors.newFixedThreadPool(3);
      try {
        var lab = KitRoot.locate().resolve("labs").resolve(LAB);
        // A whole run, so it counts against the lab's selftest-parallel beside LabSelfTestIT.
        var solutionRun =
            pool.submit(
                () ->
                    SelfTestSlots.inSlotOf(
                        LAB,
                        () ->
                            LabCheckRunner.run(
                                LAB,
                                lab.resolve(".meta/solution"),
                                folder.resolve("solution-report"),
                                Map.of())));
        var started = System.nanoTime();
        var runs = new TreeMap<String, Future<RunReport>>();
        for (var testCase : hostile()) {
          var name = testCase.name();
          var workspace =
              testCase.layOut(Files.createDirectories(folder.resolve(name)), hostFile.toString());
          runs.put(
              name,
              pool.submit(
                  () ->
                      LabCheckRunner.runChecks(
                          LAB,
                          COMPOSE_CHECKS,
                          workspace,
                          folder.resolve(name + "-report"),
                          Map.of())));
        }
        for (var run : runs.entrySet()) {
          reports.put(run.getKey(), run.getValue().get());
        }
        var hostileSeconds = (System.nanoTime() - started) / 1_000_000_000;
        solution = solutionRun.get();
        System.out.printf(
            "[labkit] %d hostile compose files judged in %d s; the solution beside them in %d s%n",
            runs.size(), hostileSeconds, solution.durationMs() / 1000);
      } finally {
        pool.shutdownNow();
      }
      watch.assertNothingRefusedRan();
    }

    for (var testCase : hostile()) {
      var report = reports.get(testCase.name());
      var composeUp = check(report, "compose-up");
      assertThat(composeUp.status())
          .as("%s: compose-up%n%s", testCase, composeUp.message())
          .isEqualTo(CheckStatus.FAILED);
      for (var expected : testCase.expected()) {
        assertThat(composeUp.problems())
            .as("%s: compose-up names %s:%n%s", testCase, expected, composeUp.message())
            .anySatisfy(problem -> assertThat(problem.message()).startsWith(expected));
      }
      for (var later : List.of("only-api-published", "waits-for-db", "data-survives")) {
        assertThat(check(report, later).status())
            .as("%s: %s builds on compose-up", testCase, later)
            .isEqualTo(CheckStatus.SKIPPED);
      }
      for (var written : List.of("report.json", "report.md")) {
        assertThat(Files.readString(folder.resolve(testCase.name() + "-report").resolve(written)))
            .as("%s: %s holds nothing of the host file", testCase, written)
            .doesNotContain(secret);
      }
    }
    assertThat(solution.checks())
        .as("the solution, graded beside them")
        .allSatisfy(check -> assertThat(check.status()).isEqualTo(CheckStatus.PASSED));
    assertThat(imageIds()).as("the kit's images after the run").isEqualTo(imagesBefore);
  }

  private static CheckResult check(RunReport report, String id) {
    return report.checks().stream()
        .filter(check -> check.id().equals(id))
        .findFirst()
        .orElseThrow();
  }

  private static Map<String, String> imageIds() {
    var docker = DockerClientFactory.lazyClient();
    var ids = new TreeMap<String, String>();
    KIT_IMAGES.forEach(image -> ids.put(image, docker.inspectImageCmd(image).exec().getId()));
    return ids;
  }

  /**
   * Every Compose container this JVM's runs create while it is open, inspected as it is created:
   * the kit removes them all by the end, so the engine's events are the only record of what ran.
   */
  private static final class ContainerWatch implements AutoCloseable {

    private final String session = KitContainers.labels().get(KitContainers.LABEL_SESSION);
    private final Map<String, String> seen = new ConcurrentHashMap<>();
    private final List<String> refused = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> projects = ConcurrentHashMap.newKeySet();
    private final ResultCallback.Adapter<Event> callback;

    ContainerWatch() throws InterruptedException {
      var docker = DockerClientFactory.lazyClient();
      callback =
          docker
              .eventsCmd()
              .withEventTypeFilter(EventType.CONTAINER)
              .withEventFilter("create")
              .exec(
                  new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(Event event) {
                      inspect(event.getId());
                    }
                  });
      callback.awaitStarted();
    }

    private void inspect(String id) {
      try {
        var container = DockerClientFactory.lazyClient().inspectContainerCmd(id).exec();
        var labels = container.getConfig().getLabels();
        if (labels == null || !session.equals(labels.get(KitContainers.LABEL_SESSION))) {
          return; // not this JVM's: the engine is shared
        }
        var project = labels.get("com.docker.compose.project");
        if (project == null) {
          // The kit's own containers (Testcontainers'), started with settings the kit chose; other
          // labs' runs in this JVM start some at the same time. A compose file starts containers
          // only through Compose, which labels them.
          return;
        }
        var name = container.getName();
        var service = labels.getOrDefault("com.docker.compose.service", "(no service)");
        projects.add(project.replaceFirst("^labkit-[0-9]+-[0-9a-f]+-[0-9]+-", ""));
        seen.put(name, service);
        var host = container.getHostConfig();
        var problems = new ArrayList<String>();
        if (Boolean.TRUE.equals(host.getPrivileged())) {
          problems.add("privileged");
        }
        if (host.getCapAdd() != null && host.getCapAdd().length > 0) {
          problems.add("cap_add " + List.of(host.getCapAdd()));
        }
        for (var mode :
            new String[] {
              host.getPidMode(), host.getIpcMode(), host.getNetworkMode(), host.getUsernsMode()
            }) {
          if ("host".equals(mode)) {
            problems.add("a host namespace");
          }
        }
        if (host.getDevices() != null && host.getDevices().length > 0) {
          problems.add("devices");
        }
        // Named volumes have a name; a bind mount may only be of a project copy the kit made.
        var temp = Path.of(System.getProperty("java.io.tmpdir")).toRealPath();
        for (var mount : container.getMounts()) {
          var source = Path.of(mount.getSource() == null ? "/" : mount.getSource());
          boolean projectCopy =
              source.startsWith(temp)
                  && !source.equals(temp)
                  && temp.relativize(source).getName(0).toString().startsWith("labkit-");
          if (mount.getName() == null && !projectCopy) {
            problems.add("a bind mount of " + source);
          }
        }
        if (!Set.of("api", "db").contains(service)) {
          problems.add("service " + service);
        }
        if (!problems.isEmpty()) {
          refused.add(name + " (" + service + "): " + problems);
        }
      } catch (NotFoundException e) {
        // gone already: a kit container that never starts (docker export), or another user's
      } catch (RuntimeException | IOException e) {
        refused.add("container " + id + " could not be inspected: " + e.getMessage());
      }
    }

    /**
     * Only the solution's projects ran (stack, order, and dbhealth: its db with PostgreSQL held
     * back, for the health-check trial), and nothing refused was set.
     */
    void assertNothingRefusedRan() {
      assertThat(refused).as("containers with refused settings, of %s", seen).isEmpty();
      assertThat(projects)
          .as("the compose projects that started containers: the solution's only")
          .containsExactlyInAnyOrder("stack", "dbhealth", "order");
    }

    @Override
    public void close() throws Exception {
      callback.close();
    }

    @Override
    public String toString() {
      return seen.entrySet().stream()
          .map(entry -> entry.getKey() + "=" + entry.getValue())
          .collect(Collectors.joining(", "));
    }
  }
}
