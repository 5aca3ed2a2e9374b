package dev.labkit.harness.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Ports;
import dev.labkit.harness.run.RunSession;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;

/**
 * Labels every container, network and image the kit makes, and removes them. Testcontainers' Ryuk
 * reaper is off (its image cannot be pulled offline and needs privileges this machine refuses), so
 * the kit cleans up itself: the run's {@link RunSession} removes what carries its label when it
 * closes, and at its start what runs that were killed left. Compose projects are named {@code
 * labkit-<pid>-…} ({@link RunSession#composeProjectName}), so their volumes can be traced to the
 * run that made them. The labels come from the open session ({@link RunSession#current}).
 */
public final class KitContainers {

  public static final String LABEL_KIT = "dev.labkit";
  public static final String LABEL_PID = "dev.labkit.pid";
  public static final String LABEL_SESSION = "dev.labkit.session";
  public static final String LABEL_HOST = "dev.labkit.host";

  /**
   * A pid means something only on its own host: runs on other hosts sharing the engine are left
   * alone.
   */
  private static final String HOST = hostName();

  private static final String COMPOSE_PROJECT_LABEL = "com.docker.compose.project";

  private KitContainers() {}

  /** The labels of the open session's objects. */
  public static Map<String, String> labels() {
    return RunSession.current().labels();
  }

  /** The labels of the objects of session {@code session}, run by process {@code pid} here. */
  public static Map<String, String> labels(String session, long pid) {
    return Map.of(
        LABEL_KIT, "true", LABEL_PID, Long.toString(pid), LABEL_SESSION, session, LABEL_HOST, HOST);
  }

  /** The only host address the kit's containers publish ports on. */
  public static final String LOOPBACK = "127.0.0.1";

  /**
   * Labels a container as the kit's, bounds what it may use ({@link ResourceLimits#CONTAINER}) and
   * publishes its ports on {@link #LOOPBACK} only ({@link #publishOnLoopback}); call before start.
   */
  public static <T extends GenericContainer<?>> T label(T container) {
    container.withLabels(labels());
    container.withCreateContainerCmdModifier(ResourceLimits.CONTAINER::applyTo);
    container.withCreateContainerCmdModifier(KitContainers::publishOnLoopback);
    return container;
  }

  /**
   * Whether this JVM can keep containers past its exit: Testcontainers spares reusable containers
   * only where reuse is enabled (the build's Failsafe JVM sets {@code TESTCONTAINERS_REUSE_ENABLE};
   * an IDE run may not).
   */
  public static boolean canKeep() {
    return org.testcontainers.utility.TestcontainersConfiguration.getInstance()
        .environmentSupportsReuse();
  }

  /**
   * Marks a container a learner may keep running after the run ({@code -Dlabkit.keep=true}) when
   * {@code keep}. Testcontainers' own exit clean-up (its JVM hook, as Ryuk is off) removes every
   * container of its session except those started for reuse, so a kept container is started for
   * reuse (the build's Failsafe JVM enables it). It still carries the run's labels, which are
   * unique to the run, so no later run reuses it, and the next run's sweep removes it.
   */
  public static <T extends GenericContainer<?>> T keepable(T container, boolean keep) {
    container.withReuse(keep);
    return container;
  }

  /** The ids of those of {@code containers} that run now: what a kept stack leaves running. */
  public static List<String> runningIds(GenericContainer<?>... containers) {
    return java.util.Arrays.stream(containers)
        .filter(GenericContainer::isRunning)
        .map(GenericContainer::getContainerId)
        .toList();
  }

  /** A container's name as {@code docker exec} takes it (Docker reports it with a leading /). */
  public static String name(GenericContainer<?> container) {
    return container.getContainerName().replaceFirst("^/", "");
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
    return Network.builder().createNetworkCmdModifier(cmd -> cmd.withLabels(labels())).build();
  }

  /** The open session's name for this run, in image tags and container names. */
  public static String runId() {
    return RunSession.current().runId();
  }

  /** Whether the caller is the exit clean-up, whose own docker commands must run to the end. */
  static boolean isCleanUpThread() {
    return RunSession.isExitCleanUp();
  }

  /**
   * A run killed with SIGKILL leaves containers behind, and a run that kept its stack leaves it on
   * purpose; either way its pid is gone, so they are ours to remove. Returns how many containers
   * were removed.
   */
  public static int removeLeftoversOfDeadRuns(String ownSession) {
    var docker = DockerClientFactory.lazyClient();
    int removed = 0;
    for (Container container : kitContainers(docker)) {
      var pid = container.getLabels().get(LABEL_PID);
      if (!ownSession.equals(container.getLabels().get(LABEL_SESSION))
          && HOST.equals(container.getLabels().get(LABEL_HOST))
          && !isAlive(pid)) {
        removeQuietly(docker, container.getId());
        removed++;
      }
    }
    docker.listNetworksCmd().withFilter("label", List.of(LABEL_KIT)).exec().stream()
        .filter(network -> HOST.equals(network.getLabels().get(LABEL_HOST)))
        .filter(network -> !isAlive(network.getLabels().get(LABEL_PID)))
        .forEach(network -> removeNetworkQuietly(docker, network.getId()));
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
    // Their networks too: a kept stack's project left its network on purpose.
    docker.listNetworksCmd().withFilter("label", List.of(COMPOSE_PROJECT_LABEL)).exec().stream()
        .filter(network -> network.getLabels() != null)
        .filter(network -> isDeadRunsProject(network.getLabels().get(COMPOSE_PROJECT_LABEL)))
        .forEach(network -> removeNetworkQuietly(docker, network.getId()));
    var volumes =
        docker.listVolumesCmd().withFilter("label", List.of(COMPOSE_PROJECT_LABEL)).exec();
    if (volumes.getVolumes() != null) {
      volumes.getVolumes().stream()
          .filter(volume -> volume.getLabels() != null)
          .filter(volume -> isDeadRunsProject(volume.getLabels().get(COMPOSE_PROJECT_LABEL)))
          .forEach(volume -> removeVolumeQuietly(docker, volume.getName()));
    }
    return removed;
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

  /**
   * Removes a network the kit made; quietly, since a container of a live run (or a kept stack) may
   * still be attached: the next sweep tries again.
   */
  public static void removeNetworkQuietly(DockerClient docker, String network) {
    try {
      docker.removeNetworkCmd(network).exec();
    } catch (RuntimeException ignored) {
      // still in use, or already gone
    }
  }

  public static void removeVolumeQuietly(DockerClient docker, String volume) {
    try {
      docker.removeVolumeCmd(volume).exec();
    } catch (RuntimeException ignored) {
      // already gone, or in use by a live run
    }
  }

  /**
   * Removes every container, network and image labelled as session {@code session}'s, except the
   * containers {@code kept} running for the learner (their networks and images stay in use).
   */
  public static void removeSession(String session, Set<String> kept) {
    try {
      var docker = DockerClientFactory.lazyClient();
      docker
          .listContainersCmd()
          .withShowAll(true)
          .withLabelFilter(Map.of(LABEL_SESSION, session))
          .exec()
          .stream()
          .filter(container -> !kept.contains(container.getId()))
          .forEach(container -> removeQuietly(docker, container.getId()));
      docker
          .listNetworksCmd()
          .withFilter("label", List.of(LABEL_SESSION + "=" + session))
          .exec()
          .forEach(network -> removeNetworkQuietly(docker, network.getId()));
      docker
          .listImagesCmd()
          .withLabelFilter(Map.of(LABEL_SESSION, session))
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
