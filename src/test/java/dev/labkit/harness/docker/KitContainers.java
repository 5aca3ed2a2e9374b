package dev.labkit.harness.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Ports;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;

/**
 * Labels every container, network and image the kit makes, and removes them. Testcontainers' Ryuk
 * reaper is off (its image cannot be pulled offline and needs privileges this machine refuses), so
 * the kit cleans up itself: at JVM exit for this run, and at start for runs that were killed.
 * Compose projects are named {@code labkit-<pid>-…} ({@link #composeProjectName}), so their volumes
 * can be traced to the run that made them.
 */
public final class KitContainers {

  public static final String LABEL_KIT = "dev.labkit";
  public static final String LABEL_PID = "dev.labkit.pid";
  public static final String LABEL_SESSION = "dev.labkit.session";
  public static final String LABEL_HOST = "dev.labkit.host";

  private static final String SESSION = UUID.randomUUID().toString();
  private static final long PID = ProcessHandle.current().pid();

  /**
   * A pid means something only on its own host: runs on other hosts sharing the engine are left
   * alone.
   */
  private static final String HOST = hostName();

  private static final String COMPOSE_PROJECT_LABEL = "com.docker.compose.project";
  private static final java.util.concurrent.atomic.AtomicInteger PROJECTS =
      new java.util.concurrent.atomic.AtomicInteger();
  private static final java.util.List<Runnable> EXIT_ACTIONS =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  private static final String CLEAN_UP_THREAD = "labkit-cleanup";

  private static volatile boolean prepared;

  private KitContainers() {}

  public static Map<String, String> labels() {
    return Map.of(
        LABEL_KIT, "true", LABEL_PID, Long.toString(PID), LABEL_SESSION, SESSION, LABEL_HOST, HOST);
  }

  /** The only host address the kit's containers publish ports on. */
  public static final String LOOPBACK = "127.0.0.1";

  /**
   * Labels a container as the kit's, bounds what it may use ({@link ResourceLimits#CONTAINER}) and
   * publishes its ports on {@link #LOOPBACK} only ({@link #publishOnLoopback}); call before start.
   */
  public static <T extends GenericContainer<?>> T label(T container) {
    prepareOnce();
    container.withLabels(labels());
    container.withCreateContainerCmdModifier(ResourceLimits.CONTAINER::applyTo);
    container.withCreateContainerCmdModifier(KitContainers::publishOnLoopback);
    return container;
  }

  /**
   * Moves every published port of a container to {@link #LOOPBACK}, keeping its host port (fixed,
   * or empty for one Docker picks). Testcontainers publishes on every address (0.0.0.0), where
   * anyone on the network reaches a LocalStack, a registry without auth or a learner's app; it sets
   * the bindings before the create-command modifiers run ({@code GenericContainer
   * .applyConfiguration}, 2.0.5), so this one sees and replaces them, and {@code getMappedPort}
   * reads the port back from the running container as before.
   */
  static void publishOnLoopback(CreateContainerCmd create) {
    var host = create.getHostConfig();
    if (host == null || host.getPortBindings() == null) {
      return;
    }
    var loopback = new Ports();
    host.getPortBindings()
        .getBindings()
        .forEach(
            (exposed, bindings) -> {
              if (bindings == null || bindings.length == 0) {
                loopback.bind(exposed, null); // exposed, not published: stays so
                return;
              }
              for (var binding : bindings) {
                loopback.bind(
                    exposed,
                    binding == null
                        ? Ports.Binding.bindIp(LOOPBACK)
                        : new Ports.Binding(LOOPBACK, binding.getHostPortSpec()));
              }
            });
    host.withPortBindings(loopback);
  }

  /** A network labelled as the kit's; removed with the run. */
  public static Network newNetwork() {
    prepareOnce();
    return Network.builder().createNetworkCmdModifier(cmd -> cmd.withLabels(labels())).build();
  }

  /**
   * A fresh Compose project name owned by this run: labkit-{@code <pid>-<session>-<n>-<purpose>}.
   */
  public static String composeProjectName(String purpose) {
    prepareOnce();
    return "labkit-" + runId() + "-" + PROJECTS.incrementAndGet() + "-" + purpose;
  }

  /**
   * This run in names: the pid (so a later run can tell the owner is gone) and the start of the
   * session id (two machines sharing an engine may reuse a pid, e.g. CI jobs in containers).
   */
  public static String runId() {
    return PID + "-" + SESSION.substring(0, 8);
  }

  /** Runs {@code action} at JVM exit, before the sweep of labelled objects (e.g. compose down). */
  public static void atExit(Runnable action) {
    prepareOnce();
    EXIT_ACTIONS.add(action);
  }

  /** Whether the caller is the exit clean-up, whose own docker commands must run to the end. */
  static boolean isCleanUpThread() {
    return CLEAN_UP_THREAD.equals(Thread.currentThread().getName());
  }

  /** Prepares the clean-up before anything is created outside Testcontainers (a CLI build). */
  public static void prepare() {
    prepareOnce();
  }

  private static void prepareOnce() {
    if (!prepared) {
      synchronized (KitContainers.class) {
        if (!prepared) {
          removeLeftoversOfDeadRuns();
          Runtime.getRuntime()
              .addShutdownHook(new Thread(KitContainers::removeThisSession, CLEAN_UP_THREAD));
          prepared = true;
        }
      }
    }
  }

  /**
   * A run killed with SIGKILL leaves containers behind; its pid is gone, so they are ours to
   * remove.
   */
  public static void removeLeftoversOfDeadRuns() {
    var docker = DockerClientFactory.lazyClient();
    for (Container container : kitContainers(docker)) {
      var pid = container.getLabels().get(LABEL_PID);
      if (!SESSION.equals(container.getLabels().get(LABEL_SESSION))
          && HOST.equals(container.getLabels().get(LABEL_HOST))
          && !isAlive(pid)) {
        removeQuietly(docker, container.getId());
      }
    }
    docker.listNetworksCmd().withFilter("label", List.of(LABEL_KIT)).exec().stream()
        .filter(network -> HOST.equals(network.getLabels().get(LABEL_HOST)))
        .filter(network -> !isAlive(network.getLabels().get(LABEL_PID)))
        .forEach(
            network -> {
              try {
                docker.removeNetworkCmd(network.getId()).exec();
              } catch (RuntimeException ignored) {
                // still in use by a container another live run owns
              }
            });
    docker.listImagesCmd().withLabelFilter(LABEL_KIT).exec().stream()
        .filter(image -> image.getLabels() != null)
        .filter(image -> HOST.equals(image.getLabels().get(LABEL_HOST)))
        .filter(image -> !isAlive(image.getLabels().get(LABEL_PID)))
        .forEach(image -> removeImageQuietly(docker, image.getId()));
    // Images Compose built for a project are named after it (labkit-<pid>-<n>-<purpose>-<service>).
    docker.listImagesCmd().exec().stream()
        .filter(image -> image.getRepoTags() != null)
        .filter(
            image ->
                java.util.Arrays.stream(image.getRepoTags())
                    .anyMatch(tag -> isDeadRunsProject(tag.split(":")[0])))
        .forEach(image -> removeImageQuietly(docker, image.getId()));
    var volumes =
        docker.listVolumesCmd().withFilter("label", List.of(COMPOSE_PROJECT_LABEL)).exec();
    if (volumes.getVolumes() != null) {
      volumes.getVolumes().stream()
          .filter(volume -> volume.getLabels() != null)
          .filter(volume -> isDeadRunsProject(volume.getLabels().get(COMPOSE_PROJECT_LABEL)))
          .forEach(volume -> removeVolumeQuietly(docker, volume.getName()));
    }
  }

  private static boolean isDeadRunsProject(String project) {
    if (project == null || !project.startsWith("labkit-")) {
      return false;
    }
    var parts = project.split("-");
    return parts.length > 2 && parts[1].matches("[0-9]+") && !isAlive(parts[1]);
  }

  /**
   * Removes an image the kit built; quietly, since a shared layer or a running user may hold it.
   */
  public static void removeImageQuietly(DockerClient docker, String image) {
    try {
      docker.removeImageCmd(image).withForce(true).exec();
    } catch (RuntimeException ignored) {
      // already gone, or still used by a container being removed
    }
  }

  public static void removeVolumeQuietly(DockerClient docker, String volume) {
    try {
      docker.removeVolumeCmd(volume).exec();
    } catch (RuntimeException ignored) {
      // already gone, or in use by a live run
    }
  }

  private static void removeThisSession() {
    for (var action : EXIT_ACTIONS) {
      try {
        action.run();
      } catch (RuntimeException ignored) {
        // best effort at exit
      }
    }
    try {
      var docker = DockerClientFactory.lazyClient();
      docker
          .listContainersCmd()
          .withShowAll(true)
          .withLabelFilter(Map.of(LABEL_SESSION, SESSION))
          .exec()
          .forEach(container -> removeQuietly(docker, container.getId()));
      docker
          .listNetworksCmd()
          .withFilter("label", List.of(LABEL_SESSION + "=" + SESSION))
          .exec()
          .forEach(
              network -> {
                try {
                  docker.removeNetworkCmd(network.getId()).exec();
                } catch (RuntimeException ignored) {
                  // best effort at exit
                }
              });
      docker
          .listImagesCmd()
          .withLabelFilter(Map.of(LABEL_SESSION, SESSION))
          .exec()
          .forEach(image -> removeImageQuietly(docker, image.getId()));
    } catch (RuntimeException ignored) {
      // the engine went away first; nothing left to clean
    }
  }

  private static List<Container> kitContainers(DockerClient docker) {
    return docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(LABEL_KIT)).exec();
  }

  private static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      return "unknown";
    }
  }

  private static boolean isAlive(String pid) {
    if (pid == null) {
      return false;
    }
    try {
      return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static void removeQuietly(DockerClient docker, String containerId) {
    try {
      docker.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
    } catch (RuntimeException ignored) {
      // already gone
    }
  }
}
