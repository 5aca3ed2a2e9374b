package dev.labkit.harness.lab;

import java.util.Optional;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;

/**
 * Keeps only the check class of the lab chosen with {@code -Dlab=<id>}: Failsafe discovers every
 * lab's class, and a learner checking one lab must not see the others fail. Registered through
 * META-INF/services, so it applies to every Launcher run; classes without {@link Lab} pass. The
 * Launcher removes only excluded leaves, so each check method is judged by its class.
 */
public final class LabSelection implements org.junit.platform.launcher.PostDiscoveryFilter {

  @Override
  public FilterResult apply(TestDescriptor descriptor) {
    var chosen = System.getProperty("lab", "").trim();
    var lab = labOf(descriptor);
    if (chosen.isEmpty() || lab.isEmpty() || lab.get().equals(chosen)) {
      return FilterResult.included("no lab chosen, not a lab's check, or the chosen lab");
    }
    return FilterResult.excluded("lab " + lab.get() + " was not chosen (-Dlab=" + chosen + ")");
  }

  private static Optional<String> labOf(TestDescriptor descriptor) {
    var source = descriptor.getSource().orElse(null);
    Class<?> type = null;
    if (source instanceof ClassSource classSource) {
      type = classSource.getJavaClass();
    } else if (source instanceof MethodSource methodSource) {
      type = methodSource.getJavaClass();
    }
    return Optional.ofNullable(type).map(found -> found.getAnnotation(Lab.class)).map(Lab::value);
  }
}
