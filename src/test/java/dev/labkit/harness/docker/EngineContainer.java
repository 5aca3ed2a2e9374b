package dev.labkit.harness.docker;

import com.github.dockerjava.api.model.Capability;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A container with a Docker engine of its own (Docker-in-Docker): what a pipeline or a deploy
 * script does with {@code docker} happens in there, never on the machine's engine, and goes with
 * the container. The image's entrypoint runs dockerd as docker:dind does; arguments given with
 * {@link #withEngineArguments} go to dockerd.
 *
 * <p>Privileged mode is refused on the kit's machines (their bounding set lacks SYS_RESOURCE), so
 * the engine gets every capability but that one, no seccomp or AppArmor profile, and the host's
 * cgroup tree. That isolates state, not privileges: code run in there can reach the host. The
 * engine's {@code /var/lib/docker} is the image's anonymous volume, removed with the container.
 */
public final class EngineContainer extends GenericContainer<EngineContainer> {

  private static final Pattern ENGINE_READY =
      Pattern.compile("API listen on /var/run/docker\\.sock");
  private static final Duration START_LIMIT = Duration.ofSeconds(90);

  public EngineContainer(DockerImageName image) {
    super(image);
    KitContainers.label(this);
    // After label(): these limits replace the ordinary container's.
    withCreateContainerCmdModifier(ResourceLimits.ENGINE::applyTo);
    withCreateContainerCmdModifier(
        create ->
            create
                .getHostConfig()
                .withCapAdd(Capability.ALL)
                .withCapDrop(Capability.SYS_RESOURCE)
                .withSecurityOpts(List.of("seccomp=unconfined", "apparmor=unconfined")));
    withFileSystemBind("/sys/fs/cgroup", "/sys/fs/cgroup", BindMode.READ_WRITE);
    waitingFor(new LogLineOrExit("the inner Docker engine starts", ENGINE_READY, START_LIMIT));
  }

  /** dockerd's own flags, e.g. {@code --insecure-registry registry:5000}. */
  public EngineContainer withEngineArguments(String... arguments) {
    return withCommand(arguments);
  }

  /** {@code docker exec} in this container, killed after {@code limit}, with its output's tail. */
  public DockerCli.Result exec(Duration limit, String... command) {
    return exec(limit, List.of(), command);
  }

  /** As {@link #exec(Duration, String...)}, with {@code NAME=value} variables for the command. */
  public DockerCli.Result exec(Duration limit, List<String> environment, String... command) {
    var arguments = new ArrayList<String>(List.of("exec"));
    environment.forEach(variable -> arguments.addAll(List.of("--env", variable)));
    arguments.add(getContainerId());
    arguments.addAll(List.of(command));
    return DockerCli.run(arguments, Path.of(System.getProperty("java.io.tmpdir")), limit);
  }
}
