package dev.labkit.harness.run;

import dev.labkit.harness.docker.DockerEngine;
import dev.labkit.harness.docker.KitContainers;
import dev.labkit.harness.process.ExitHook;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One run of the kit: the labels on everything it makes in Docker, the resources its lab runs share
 * (one LocalStack for every selftest case, images built once), and their clean-up. Opening it
 * removes what runs that were killed left behind; closing it undoes, newest first, what was
 * registered with {@link #atClose}, then removes whatever still carries the session's label. The
 * kit's {@link ExitHook} closes it when the JVM ends first (Ctrl-C, a killed Failsafe JVM), after
 * it stopped the kit's processes.
 *
 * <p>{@link LabRun} holds the session in the JUnit root store, which closes it when the JUnit run
 * ends, also when a check or a set-up fails. Runs nest (the selftest runs each case's lab through
 * the JUnit Platform inside its own run) and overlap (cases run concurrently): each holder takes
 * the open session, and the last one to let go closes it. As an extension
 * ({@code @ExtendWith(RunSession.Held.class)}) a test class that is not a lab keeps one session
 * across its lab runs. Kit code used outside any JUnit run (the batch grader, the command line)
 * gets a session held until the JVM exits ({@link #current}).
 */
public final class RunSession {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(RunSession.class);

  /** Guarded by {@code RunSession.class}. */
  private static RunSession open;

  private final String id = UUID.randomUUID().toString();
  private final long pid = ProcessHandle.current().pid();
  private final AtomicInteger projects = new AtomicInteger();
  private final Map<String, Memo<?>> shared = new ConcurrentHashMap<>();
  private final Deque<AutoCloseable> onClose = new ArrayDeque<>();
  private final Set<String> kept = ConcurrentHashMap.newKeySet();
  private final Runnable closeAtExit = this::close;

  /** Whether anything may carry the session's name in Docker: then closing sweeps by label. */
  private volatile boolean named;

  private boolean closed;

  /** Guarded by {@code RunSession.class}. */
  private int holders;

  /** A session that is not started: no sweep, no exit hook (unit tests). */
  RunSession() {}

  /** The session of the JUnit run of {@code context}, taken when the run first asks for it. */
  public static RunSession of(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(Hold.class, key -> new Hold(take()), Hold.class)
        .session();
  }

  /**
   * The open session, for kit code that has none at hand (a container fixture labelling itself);
   * outside any run it opens one that lasts until the JVM exits.
   *
   * <p>Why a lookup and not a constructor parameter of every fixture: a JVM has at most one open
   * session by construction (nested and concurrent lab runs join it), so handing it through some
   * forty constructors would add a parameter without adding a choice. Checks reach it through
   * {@link LabContext#session()}; a fixture asks here, as Testcontainers' own containers ask {@code
   * DockerClientFactory.instance()} for the one engine.
   */
  public static synchronized RunSession current() {
    if (open == null) {
      take(); // never let go: the exit hook closes it
    }
    return open;
  }

  static synchronized RunSession take() {
    if (open == null) {
      open = new RunSession();
      open.start();
    }
    open.holders++;
    return open;
  }

  static void letGo(RunSession session) {
    synchronized (RunSession.class) {
      if (--session.holders > 0) {
        return;
      }
      if (open == session) {
        open = null;
      }
    }
    session.close(); // outside the lock: a clean-up action may ask for the open session
  }

  /** Whether the caller is the exit hook's clean-up, whose docker commands must not be stopped. */
  public static boolean isExitCleanUp() {
    return ExitHook.isExiting();
  }

  private void start() {
    if (setUpForDocker() && DockerEngine.isAvailable()) {
      try {
        sweepDeadRuns();
      } catch (RuntimeException e) {
        // the engine refused a listing: the next run sweeps again
      }
    }
    ExitHook.add(ExitHook.Phase.CLEAN_UP, closeAtExit);
  }

  /**
   * Whether this JVM runs with the build's Testcontainers settings (Failsafe, a grading JVM), where
   * the kit may start containers. Unit tests run without them and never touch Docker; asking
   * Testcontainers there would start its Ryuk reaper, whose image is not pulled offline.
   */
  private static boolean setUpForDocker() {
    return "true".equalsIgnoreCase(System.getenv("TESTCONTAINERS_RYUK_DISABLED"));
  }

  /**
   * Removes what runs on this host left when they were killed outright: their pid is gone, so their
   * containers, networks, images and Compose volumes are ours to remove.
   */
  public int sweepDeadRuns() {
    return KitContainers.removeLeftoversOfDeadRuns(id);
  }

  /** The labels of everything this session makes in Docker. */
  public Map<String, String> labels() {
    named = true;
    return KitContainers.labels(id, pid);
  }

  /**
   * This run in names: the pid (so a later run can tell the owner is gone) and the start of the
   * session id (two machines sharing an engine may reuse a pid, e.g. CI jobs in containers).
   */
  public String runId() {
    named = true;
    return pid + "-" + id.substring(0, 8);
  }

  /**
   * A fresh Compose project name owned by this run: labkit-{@code <pid>-<session>-<n>-<purpose>}.
   */
  public String composeProjectName(String purpose) {
    return "labkit-" + runId() + "-" + projects.incrementAndGet() + "-" + purpose;
  }

  /**
   * Computes a resource once per session and shares it between the session's lab runs (the S3
   * backend, images built for a lab); a failure is remembered too. A resource that is {@link
   * AutoCloseable} is closed with the session.
   */
  @SuppressWarnings("unchecked")
  public <T> T shared(String key, Supplier<T> compute) {
    return ((Memo<T>)
            shared.computeIfAbsent(
                key,
                ignored ->
                    new Memo<>(
                        () -> {
                          var value = compute.get();
                          if (value instanceof AutoCloseable closeable) {
                            atClose(closeable);
                          }
                          return value;
                        })))
        .get();
  }

  /**
   * Runs {@code action} when the session closes, before what was registered earlier and before the
   * sweep of the session's labelled objects (e.g. compose down before its network goes).
   */
  public synchronized void atClose(AutoCloseable action) {
    if (closed) {
      throw new IllegalStateException("the run's session is closed");
    }
    onClose.push(action);
  }

  /**
   * Leaves these containers running when the session closes ({@code -Dlabkit.keep=true}). They keep
   * the session's labels, so once this JVM is gone the next session's sweep of dead runs, or {@code
   * -Dlabkit.down}, removes them with their network.
   */
  public void keep(Collection<String> containerIds) {
    kept.addAll(containerIds);
  }

  /**
   * Undoes what was registered, newest first, then removes what still carries the session's label.
   * Closing twice (the JUnit store, then the exit hook) does it once; a second caller waits for the
   * first to finish, so the JVM does not exit halfway.
   */
  synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    while (!onClose.isEmpty()) {
      try {
        onClose.pop().close();
      } catch (Exception ignored) {
        // best effort: the sweep below still removes what is labelled
      }
    }
    if (named && setUpForDocker()) {
      KitContainers.removeSession(id, Set.copyOf(kept));
    }
    ExitHook.remove(ExitHook.Phase.CLEAN_UP, closeAtExit); // a no-op for a session never started
  }

  /** Whether a session is open in this JVM now (its holders keep it). */
  static synchronized boolean isAnyOpen() {
    return open != null;
  }

  synchronized boolean isClosed() {
    return closed;
  }

  /** The root store's hold on the session; JUnit closes it when its run ends. */
  private record Hold(RunSession session) implements AutoCloseable {
    @Override
    public void close() {
      letGo(session);
    }
  }

  /**
   * Holds one session across a test class that runs labs (the selftest), so its lab runs share it
   * instead of opening one each.
   */
  public static final class Held implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
      of(context);
    }
  }
}
