package dev.labkit.harness.docker;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import dev.labkit.harness.process.Command;
import dev.labkit.harness.process.PassedEnvironment;
import dev.labkit.harness.run.KitRoot;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * A container with a Docker engine of its own (Docker-in-Docker), for the act-runner image: what a
 * pipeline or a deploy script does with {@code docker} happens in there, never on the machine's
 * engine, and goes with the container. The image's entrypoint runs a rootless dockerd as
 * docker:dind-rootless does; arguments given with {@link #withEngineArguments} go to dockerd.
 *
 * <p>Every process in the container, the engine, act, a learner's workflow steps and deploy script,
 * runs as the image's user {@value #USER} (uid {@value #UID}); the engine and its containers live
 * in a user namespace of that user's (rootlesskit), with their network through slirp4netns. The
 * container holds no capability over the machine: all are dropped but SETUID and SETGID, which only
 * the file capabilities of newuidmap and newgidmap use (the image has no setuid program, and
 * no-new-privileges stays off only because it would void those two); there is no bind mount of the
 * machine's cgroups. What it needs instead, and why:
 *
 * <ul>
 *   <li>the seccomp profile {@value #SECCOMP_PROFILE} instead of Docker's default, which refuses
 *       the calls that make user namespaces ({@code unshare}, {@code mount}, ...) to a container
 *       without CAP_SYS_ADMIN; it allows every call but some that touch the machine's global state
 *       or widen the kernel's attack surface;
 *   <li>{@code systempaths=unconfined} (sent as empty MaskedPaths and ReadonlyPaths): with /proc's
 *       masked paths in place the kernel refuses the inner containers a /proc of their own ("mount
 *       proc ... operation not permitted"). Writing the sysctls it exposes takes the machine's uid
 *       0, which no process here has;
 *   <li>{@code apparmor=unconfined}: docker-default denies {@code mount}, where AppArmor runs;
 *   <li>a tmpfs of the user's at {@code /dev/net}, where the entrypoint links the image's tun node,
 *       and the device rule that lets it be opened (slirp4netns' tap device).
 * </ul>
 *
 * <p>The {@link ResourceLimits#ENGINE} limits hold for everything inside: without cgroup access the
 * inner engine keeps its containers in this container's cgroup. The engine's data root is the
 * image's anonymous volume, removed with the container. Files copied in belong to {@value #USER}.
 * {@code HostileDeployIT} proves it: device nodes, devices.allow, other containers' cgroups, the
 * build limit, release agents and core_pattern are out of reach from here and from the inner
 * engine's containers. Measurements: docs/rootless-dind.md.
 */
public final class EngineContainer extends GenericContainer<EngineContainer> {

  /** The image's user: every process in the container runs as it. */
  public static final String USER = "runner";

  private static final int UID = 1000;

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private static final Pattern ENGINE_READY =
      Pattern.compile("API listen on /run/user/1000/docker\\.sock");
  private static final Duration START_LIMIT = Duration.ofSeconds(90);

  /** Docker's device rule for the tun device (10:200); opening it alone grants nothing. */
  private static final String TUN_DEVICE = "c 10:200 rwm";

  /** The image recipe's seccomp profile, relative to the kit's folder. */
  public static final String SECCOMP_PROFILE = "images/act-runner/seccomp.json";

  public EngineContainer(DockerImageName image) {
    super(image);
    KitContainers.label(this);
    // After label(): these limits replace the ordinary container's.
    withCreateContainerCmdModifier(ResourceLimits.ENGINE::applyTo);
    withCreateContainerCmdModifier(
        create ->
            create
                .withUser(USER)
                .getHostConfig()
                .withCapDrop(Capability.ALL)
                .withCapAdd(Capability.SETUID, Capability.SETGID)
                .withSecurityOpts(List.of("seccomp=" + seccompProfile(), "apparmor=unconfined"))
                .withDeviceCgroupRules(List.of(TUN_DEVICE)));
    // Last, so it copies everything set before it.
    withCreateContainerCmdModifier(
        create -> create.withHostConfig(SystemPathsUnconfined.of(create.getHostConfig())));
    withTmpFs(Map.of("/dev/net", "rw,nosuid,nodev,noexec,mode=0755,uid=1000,gid=1000"));
    waitingFor(new LogLineOrExit("the inner Docker engine starts", ENGINE_READY, START_LIMIT));
  }

  /** The profile as Docker's {@code --security-opt seccomp=} takes it: the JSON itself. */
  static String seccompProfile() {
    var file = KitRoot.locate().resolve(SECCOMP_PROFILE);
    try {
      return JSON.readTree(file.toFile()).toString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the engine's seccomp profile " + file, e);
    }
  }

  /** dockerd's own flags, e.g. {@code --insecure-registry registry:5000}. */
  public EngineContainer withEngineArguments(String... arguments) {
    return withCommand(arguments);
  }

  /** Copies as Testcontainers does, but the files belong to {@value #USER}, not to root. */
  @Override
  public void copyFileToContainer(MountableFile file, String containerPath) {
    copyFileToContainer((Transferable) file, containerPath);
  }

  /**
   * Copies as Testcontainers does, but the files belong to {@value #USER}, not to root: the tar's
   * entries carry its ids, which the engine keeps. (The API's copyUIDGID would look the user up in
   * the machine's user database, not the container's, on Docker 20.10.)
   */
  @Override
  public void copyFileToContainer(Transferable transferable, String containerPath) {
    try (var tar = new PipedInputStream();
        var out = new OwnedByUser(new PipedOutputStream(tar))) {
      var writing =
          CompletableFuture.runAsync(
              () -> {
                try (out) {
                  transferable.transferTo(out, containerPath);
                  out.finish();
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
      getDockerClient()
          .copyArchiveToContainerCmd(getContainerId())
          .withTarInputStream(tar)
          .withRemotePath("/")
          .exec();
      writing.join();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The CLI's {@code --security-opt systempaths=unconfined}, which is no option of the API: the CLI
   * sends empty {@code MaskedPaths} and {@code ReadonlyPaths}, fields docker-java does not model.
   */
  static final class SystemPathsUnconfined extends HostConfig {

    @JsonProperty("MaskedPaths")
    private final List<String> maskedPaths = List.of();

    @JsonProperty("ReadonlyPaths")
    private final List<String> readonlyPaths = List.of();

    static SystemPathsUnconfined of(HostConfig settings) {
      return JSON.convertValue(settings, SystemPathsUnconfined.class);
    }
  }

  /** A tar whose every entry belongs to uid and gid {@value #UID}. */
  private static final class OwnedByUser extends TarArchiveOutputStream {
    OwnedByUser(java.io.OutputStream out) {
      super(out);
      setLongFileMode(LONGFILE_POSIX);
      setBigNumberMode(BIGNUMBER_POSIX);
    }

    @Override
    public void putArchiveEntry(TarArchiveEntry entry) throws IOException {
      entry.setIds(UID, UID);
      entry.setNames(USER, USER);
      super.putArchiveEntry(entry);
    }
  }

  /** {@code docker exec} in this container, killed after {@code limit}, with its output's tail. */
  public DockerCli.Result exec(Duration limit, String... command) {
    return exec(limit, Map.of(), command);
  }

  /**
   * As {@link #exec(Duration, String...)}, with variables for the command. Their values (act's
   * secrets) never appear on the docker command line, where any user of the machine could read them
   * in the process list: {@code --env NAME} names each, and the docker CLI takes its value from its
   * own environment.
   */
  public DockerCli.Result exec(Duration limit, Map<String, String> environment, String... command) {
    return DockerCli.run(execCommand(getContainerId(), limit, environment, command));
  }

  static Command execCommand(
      String containerId, Duration limit, Map<String, String> environment, String... command) {
    var arguments = new ArrayList<String>(List.of("exec"));
    for (var name : environment.keySet()) {
      if (PassedEnvironment.DOCKER.contains(name) || name.startsWith("DOCKER_")) {
        // The docker CLI itself would read it (DOCKER_HOST would point it elsewhere).
        throw new IllegalArgumentException(
            name + " is the docker command's own variable; give the command another name");
      }
      arguments.addAll(List.of("--env", name));
    }
    arguments.add(containerId);
    arguments.addAll(List.of(command));
    return DockerCli.command(
        arguments, Path.of(System.getProperty("java.io.tmpdir")), limit, environment);
  }
}
