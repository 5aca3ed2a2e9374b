package dev.labkit.harness.run;

import dev.labkit.harness.docker.KitContainers;
import dev.labkit.harness.images.ImageCatalog;
import dev.labkit.harness.lab.LabManifest;
import dev.labkit.harness.report.CheckStatus;
import dev.labkit.harness.workspace.Workspace;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Everything one run of a lab's checks shares: the workspace, the manifest, the settings, the
 * console, the image catalog, and resources closed when the run ends (containers, buckets, temp
 * folders), also when a check fails. Check classes receive it as a {@code @BeforeAll} parameter.
 */
public final class LabContext implements AutoCloseable {

  private final RunSession session;
  private final BooleanSupplier keepPossible;
  private final Path kitRoot;
  private final LabManifest manifest;
  private final Workspace workspace;
  private final LabSettings settings;
  private final Console console;
  private final ImageCatalog images;
  private final Map<String, String> backends = new LinkedHashMap<>();
  private final Map<String, Memo<?>> shared = new ConcurrentHashMap<>();
  private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
  private final Map<String, CheckStatus> statuses = new ConcurrentHashMap<>();
  private final Map<String, String> unmetBecause = new ConcurrentHashMap<>();

  /**
   * {@code keepPossible}: whether containers can outlive this JVM ({@link KitContainers#canKeep}).
   */
  LabContext(
      RunSession session,
      Path kitRoot,
      LabManifest manifest,
      Workspace workspace,
      LabSettings settings,
      Console console,
      BooleanSupplier keepPossible) {
    this.keepPossible = keepPossible;
    this.session = session;
    this.kitRoot = kitRoot;
    this.manifest = manifest;
    this.workspace = workspace;
    this.settings = settings;
    this.console = console;
    this.images = ImageCatalog.load(kitRoot, settings);
  }

  /**
   * The run session this lab run belongs to: its labels, and resources shared with the session's
   * other lab runs ({@link RunSession#shared}).
   */
  public RunSession session() {
    return session;
  }

  public Path kitRoot() {
    return kitRoot;
  }

  public LabManifest manifest() {
    return manifest;
  }

  public Workspace workspace() {
    return workspace;
  }

  public LabSettings settings() {
    return settings;
  }

  public Console console() {
    return console;
  }

  public ImageCatalog images() {
    return images;
  }

  /**
   * Records which backend played a role ("s3" → "localstack (localstack/localstack:4.14.0)"), for
   * the report.
   */
  public synchronized void recordBackend(String role, String description) {
    backends.put(role, description);
  }

  synchronized Map<String, String> backends() {
    return Map.copyOf(backends);
  }

  void recordStatus(String checkId, CheckStatus status) {
    statuses.put(checkId, status);
  }

  /** Whether the check passed in this run (not failed, skipped, or not run yet). */
  boolean passed(String checkId) {
    return statuses.get(checkId) == CheckStatus.PASSED;
  }

  /**
   * What the checks that need {@code checkId} say in this run when it does not pass, in place of
   * its manifest {@code unmet} text: for a cause those words do not fit (a file that cannot be
   * read, where the manifest says a tool rejects it). The check calls it before it fails.
   */
  public void unmetBecause(String checkId, String reason) {
    unmetBecause.put(checkId, reason);
  }

  /**
   * The check could not run on this machine (no Docker engine, a missing image): the checks that
   * need it say so, in the problem's own words, rather than blame the learner's files with the
   * manifest's {@code unmet} text. Words the check gave itself ({@link #unmetBecause}) stay.
   */
  void couldNotRun(String checkId, EnvironmentProblem problem) {
    unmetBecause.putIfAbsent(checkId, problem.getMessage().replaceFirst("\\.$", ""));
  }

  /** The skip reason of a check whose need {@code need} did not pass in this run. */
  String unmetReason(LabManifest.CheckSpec need) {
    var because = unmetBecause.get(need.id());
    return because == null ? need.unmetReason() : need.unmetReason(because);
  }

  /**
   * Computes a value once per run (compiled learner code, a started fixture) and shares it between
   * checks. A failure is remembered as well: every check that needs the value reports the same
   * cause.
   */
  @SuppressWarnings("unchecked")
  public <T> T once(String key, Supplier<T> compute) {
    return ((Memo<T>) shared.computeIfAbsent(key, ignored -> new Memo<>(compute))).get();
  }

  /**
   * Closes the resource when the run ends, in reverse order of registration; a {@link
   * KeepableStack} stays running instead when the learner asked to keep it.
   */
  public synchronized <T extends AutoCloseable> T closeAtEnd(T resource) {
    closeables.push(resource);
    return resource;
  }

  @Override
  public synchronized void close() {
    var kept = new ArrayList<String>();
    var keptIds = new ArrayList<String>();
    while (!closeables.isEmpty()) {
      var resource = closeables.pop();
      if (settings.keep()
          && resource instanceof KeepableStack stack
          && canKeep()
          && kept(stack, kept, keptIds)) {
        continue;
      }
      try {
        resource.close();
      } catch (Exception e) {
        console.say("could not clean up: " + CheckOutcome.oneLine(e));
      }
    }
    var reportFolder = settings.reportFolder(kitRoot, manifest.id());
    if (kept.isEmpty()) {
      KeptStackNote.forget(reportFolder);
    } else {
      KeptStackNote.tell(console, reportFolder, kept, keptIds);
    }
  }

  /**
   * Whether containers can outlive this JVM; says why not, once, when the learner asked to keep.
   */
  private boolean canKeep() {
    if (keepPossible.getAsBoolean()) {
      return true;
    }
    console.say(
        "cannot keep the stack: Testcontainers would remove it when this JVM exits"
            + " (run through Maven, or set TESTCONTAINERS_REUSE_ENABLE=true)");
    return false;
  }

  /**
   * Leaves {@code stack} running and notes its commands and containers; false (the caller closes
   * it) when nothing of it runs, or it cannot tell what it runs.
   */
  private boolean kept(KeepableStack stack, List<String> howToTouch, List<String> ids) {
    try {
      var running = stack.containerIds();
      if (running.isEmpty()) {
        return false;
      }
      var commands = stack.howToTouch();
      stack.keepRunning();
      session.keep(running);
      ids.addAll(running);
      howToTouch.addAll(commands);
      return true;
    } catch (RuntimeException e) {
      console.say("could not keep the stack running: " + CheckOutcome.oneLine(e));
      return false;
    }
  }
}
