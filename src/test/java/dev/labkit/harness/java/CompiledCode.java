package dev.labkit.harness.java;

import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.run.DaemonThreads;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The learner's compiled classes; closing drops the class loader and deletes the class files. */
public final class CompiledCode implements AutoCloseable {

  /** A learner's method that loops forever must not hang the run. */
  public static final Duration CALL_LIMIT = Duration.ofSeconds(10);

  private final URLClassLoader loader;
  private final Path classesFolder;

  CompiledCode(URLClassLoader loader, Path classesFolder) {
    this.loader = loader;
    this.classesFolder = classesFolder;
  }

  public Class<?> load(String className) throws ClassNotFoundException {
    // Not initialised here: a learner's static block runs later, inside a bounded call.
    return Class.forName(className, false, loader);
  }

  /**
   * Calls a learner's method with a time limit. Returns what it returned; what it threw comes back
   * as {@link LearnerThrew}, so a check can tell "refused" from "crashed the harness".
   */
  /**
   * Creates a learner's object (running its static initialiser too) with the same time limit as
   * calls.
   */
  public static Object construct(java.lang.reflect.Constructor<?> constructor, Object... args)
      throws LearnerThrew {
    return bounded(
        constructor.getDeclaringClass().getSimpleName() + " constructor",
        () -> constructor.newInstance(args));
  }

  public static Object call(Method method, Object target, Object... args) throws LearnerThrew {
    return bounded(method.getName(), () -> method.invoke(target, args));
  }

  private static Object bounded(String what, java.util.concurrent.Callable<Object> invocation)
      throws LearnerThrew {
    var executor = Executors.newSingleThreadExecutor(DaemonThreads.named("learner-code"));
    try {
      return executor.submit(invocation).get(CALL_LIMIT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      var cause =
          e.getCause() instanceof InvocationTargetException thrown
              ? thrown.getCause()
              : e.getCause();
      // A static initialiser that throws arrives wrapped; the learner wants their own exception.
      throw new LearnerThrew(
          cause instanceof ExceptionInInitializerError init && init.getCause() != null
              ? init.getCause()
              : cause);
    } catch (TimeoutException e) {
      throw new LearnerThrew(
          new TimeoutException(what + " did not return within " + CALL_LIMIT.toSeconds() + " s"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LearnerThrew(e);
    } finally {
      executor.shutdownNow();
    }
  }

  @Override
  public void close() throws IOException {
    loader.close();
    LearnerJava.delete(classesFolder);
  }

  /** The learner's code threw (or timed out); {@link #describe()} says what, in one line. */
  public static final class LearnerThrew extends Exception {
    public LearnerThrew(Throwable cause) {
      super(cause);
    }

    public String describe() {
      var cause = getCause();
      return cause.getClass().getSimpleName()
          + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    public Problem asProblem(String file, String what) {
      return Problem.in(file, what + " threw " + describe());
    }
  }
}
