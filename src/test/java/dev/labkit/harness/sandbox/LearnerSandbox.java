package dev.labkit.harness.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.labkit.harness.docker.DockerCli;
import dev.labkit.harness.docker.DockerEngine;
import dev.labkit.harness.docker.KitContainers;
import dev.labkit.harness.process.Command;
import dev.labkit.harness.process.PassedEnvironment;
import dev.labkit.harness.process.RunningCommand;
import dev.labkit.harness.run.LabContext;
import dev.labkit.harness.workspace.Folders;
import dev.labkit.sandbox.SandboxHost;
import java.io.File;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.testcontainers.utility.DockerImageName;

/**
 * The learner's code, run outside the checking JVM: in a container of the kit's JRE image (see
 * {@link SandboxMode}) that sees only its own classes, the lab's libraries and the sandbox host,
 * read-only, as user nobody, without capabilities or network (unless the lab gives one), within
 * {@link #MEMORY}, {@link #CPUS} and {@link #PROCESSES}. The checking JVM never loads a learner's
 * class: it sends requests and judges only what it measures itself.
 *
 * <p>Each call is bounded by {@link #CALL_LIMIT}. A call that does not return in time gets its JVM
 * stopped, and the next call starts a fresh one, so one endless loop cannot slow every later check;
 * so does a call after the learner's code ended its JVM. Objects made with {@link #create} are made
 * again, the same way, in the fresh JVM.
 */
public final class LearnerSandbox implements AutoCloseable {

  /** A learner's method that loops forever must not hang the run. */
  public static final Duration CALL_LIMIT = Duration.ofSeconds(10);

  /** A JVM starting on a busy machine (a batch, the selftest) is slow; its start gets longer. */
  static final Duration START_LIMIT = Duration.ofSeconds(60);

  static final String MEMORY = "512m";
  static final String HEAP = "-Xmx256m";
  static final String CPUS = "1";
  static final String PROCESSES = "256";
  static final Path MOUNTED_AT = Path.of("/opt/labkit");

  private static final AtomicInteger SANDBOXES = new AtomicInteger();

  private final SandboxSpec spec;
  private final SandboxContents contents;
  private final SandboxMode mode;
  private final DockerImageName jre;
  private SandboxProcess current;
  private int generation;

  private LearnerSandbox(
      SandboxSpec spec, SandboxContents contents, SandboxMode mode, DockerImageName jre) {
    this.spec = spec;
    this.contents = contents;
    this.mode = mode;
    this.jre = jre;
  }

  /**
   * A sandbox for the learner's compiled classes; nothing starts until the first call. Closed with
   * the run.
   */
  public static LearnerSandbox open(LabContext lab, SandboxSpec spec, Path learnerClasses) {
    var mode = SandboxMode.of(lab.settings());
    var jre = lab.images().image("eclipse-temurin");
    if (mode == SandboxMode.CONTAINER) {
      DockerEngine.requireImage(jre);
    }
    lab.recordBackend("learner code", describe(mode, jre));
    return lab.closeAtEnd(
        new LearnerSandbox(spec, SandboxContents.stage(spec, learnerClasses), mode, jre));
  }

  private static String describe(SandboxMode mode, DockerImageName jre) {
    return mode == SandboxMode.CONTAINER
        ? "container (" + jre.asCanonicalNameString() + ")"
        : "child JVM (no Docker: for checking your own work, not for grading)";
  }

  /**
   * Calls the sandbox's handler, waiting at most {@link #CALL_LIMIT}; {@code what} names the call
   * in feedback ("uploadUrl").
   */
  public synchronized JsonNode call(String operation, JsonNode arguments, String what)
      throws LearnerThrew {
    return bounded(running(), operation, arguments, what);
  }

  /**
   * Makes an object of the learner's with {@code operation} (whose answer is the object's handle),
   * to call with {@link LearnerObject#call}.
   */
  public LearnerObject create(String operation, ObjectNode arguments, String what)
      throws LearnerThrew {
    var object = new LearnerObject(this, operation, arguments.deepCopy(), what);
    call(object, null, null, null);
    return object;
  }

  /**
   * Calls {@code operation} on {@code object} (its handle goes in the arguments as {@code handle}),
   * making the object first where this JVM has not made it yet; only makes it when {@code
   * operation} is null.
   */
  synchronized JsonNode call(
      LearnerObject object, String operation, ObjectNode arguments, String what)
      throws LearnerThrew {
    var process = running();
    if (object.generation != generation) {
      object.handle =
          bounded(process, object.createOperation, object.createArguments, object.createWhat);
      object.generation = generation;
    }
    if (operation == null) {
      return object.handle;
    }
    arguments.set("handle", object.handle);
    return bounded(process, operation, arguments, what);
  }

  private JsonNode bounded(
      SandboxProcess process, String operation, JsonNode arguments, String what)
      throws LearnerThrew {
    try {
      return process.call(operation, arguments, what, CALL_LIMIT);
    } catch (LearnerThrew e) {
      if (e.kind() != LearnerThrew.Kind.THREW) {
        stop();
      }
      throw e;
    }
  }

  private SandboxProcess running() throws LearnerThrew {
    if (current != null && current.isAlive()) {
      return current;
    }
    stop();
    var name = "labkit-sandbox-" + KitContainers.runId() + "-" + SANDBOXES.incrementAndGet();
    current = mode == SandboxMode.CONTAINER ? startContainer(name) : startProcess(name);
    generation++;
    // The first answer says the JVM runs and reads requests; its start may take long.
    current.call(
        SandboxHost.PING, JsonNodeFactory.instance.objectNode(), "starting the JVM", START_LIMIT);
    return current;
  }

  private void stop() {
    if (current != null) {
      current.close();
      current = null;
    }
  }

  private SandboxProcess startContainer(String name) {
    var command = new ArrayList<>(List.of("docker", "run", "-i", "--rm", "--name", name));
    KitContainers.labels()
        .forEach((key, value) -> command.addAll(List.of("--label", key + "=" + value)));
    command.addAll(
        List.of(
            "--network",
            spec.network().orElse("none"),
            "--read-only",
            "--tmpfs",
            "/tmp:rw,nosuid,nodev,noexec,size=64m",
            "--cap-drop",
            "ALL",
            "--security-opt",
            "no-new-privileges",
            "--user",
            "65534:65534",
            "--memory",
            MEMORY,
            "--memory-swap",
            MEMORY,
            "--cpus",
            CPUS,
            "--pids-limit",
            PROCESSES,
            "--mount",
            "type=bind,source=" + contents.root() + ",target=" + MOUNTED_AT + ",readonly",
            "--workdir",
            "/tmp",
            "--entrypoint",
            "/opt/java/openjdk/bin/java",
            jre.asCanonicalNameString()));
    command.addAll(jvmArguments(contents.classPath(MOUNTED_AT, ":")));
    try {
      return new SandboxProcess(
          sandboxed(Command.of(command).passing(PassedEnvironment.DOCKER)),
          () ->
              DockerCli.run(
                  List.of("rm", "--force", name),
                  Path.of(System.getProperty("java.io.tmpdir")),
                  Duration.ofSeconds(30)),
          name);
    } catch (UncheckedIOException e) {
      throw SandboxProcess.cannotStart(e);
    }
  }

  private SandboxProcess startProcess(String name) {
    var javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    var command = new ArrayList<>(List.of(javaCommand));
    command.addAll(jvmArguments(contents.classPath(contents.root(), File.pathSeparator)));
    var workingFolder = Folders.createTemp("sandbox-work");
    try {
      return new SandboxProcess(
          sandboxed(Command.of(command).in(workingFolder).passing("PATH", "LANG", "TMPDIR")),
          () -> Folders.delete(workingFolder),
          name);
    } catch (UncheckedIOException e) {
      Folders.delete(workingFolder);
      throw SandboxProcess.cannotStart(e);
    }
  }

  /** Started for the protocol; only the end of what the learner's code prints is kept. */
  private static RunningCommand sandboxed(Command command) {
    return command.keeping(0, SandboxProcess.KEPT_OUTPUT_BYTES).start();
  }

  private List<String> jvmArguments(String classPath) {
    return List.of(
        HEAP,
        "-XX:+ExitOnOutOfMemoryError",
        "-XX:-UsePerfData",
        "-XX:TieredStopAtLevel=1",
        "-Xshare:auto",
        "-cp",
        classPath,
        SandboxHost.class.getName(),
        spec.handler().getName());
  }

  @Override
  public synchronized void close() {
    stop();
    contents.close();
  }
}
