package dev.labkit.harness.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;

/**
 * Labels every container and network the kit starts, and removes them. Testcontainers' Ryuk reaper
 * is off (its image cannot be pulled offline and needs privileges this machine refuses), so the kit
 * cleans up itself: at JVM exit for this run, and at start for runs that were killed.
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

  private static volatile boolean prepared;

  private KitContainers() {}

  public static Map<String, String> labels() {
    return Map.of(
        LABEL_KIT, "true", LABEL_PID, Long.toString(PID), LABEL_SESSION, SESSION, LABEL_HOST, HOST);
  }

  /** Labels a container as the kit's; call before start. */
  public static <T extends GenericContainer<?>> T label(T container) {
    prepareOnce();
    container.withLabels(labels());
    return container;
  }

  /** A network labelled as the kit's; removed with the run. */
  public static Network newNetwork() {
    prepareOnce();
    return Network.builder().createNetworkCmdModifier(cmd -> cmd.withLabels(labels())).build();
  }

  private static void prepareOnce() {
    if (!prepared) {
      synchronized (KitContainers.class) {
        if (!prepared) {
          removeLeftoversOfDeadRuns();
          Runtime.getRuntime()
              .addShutdownHook(new Thread(KitContainers::removeThisSession, "labkit-cleanup"));
          prepared = true;
        }
      }
    }
  }

  /**
   * A run killed with SIGKILL leaves containers behind; its pid is gone, so they are ours to
   * remove.
   */
  static void removeLeftoversOfDeadRuns() {
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
  }

  private static void removeThisSession() {
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
