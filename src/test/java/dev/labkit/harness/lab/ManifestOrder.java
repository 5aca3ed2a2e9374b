package dev.labkit.harness.lab;

import dev.labkit.harness.run.KitRoot;
import dev.labkit.harness.run.LabSettings;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.MethodDescriptor;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.MethodOrdererContext;

/** Runs checks in the order the manifest lists them, which is the order a learner works in. */
public final class ManifestOrder implements MethodOrderer {

  @Override
  public void orderMethods(MethodOrdererContext context) {
    var lab = context.getTestClass().getAnnotation(Lab.class);
    List<String> order =
        new LabCatalog(
                context
                    .getConfigurationParameter(LabSettings.ROOT)
                    .map(Path::of)
                    .orElseGet(KitRoot::locate))
            .find(lab.value())
            .map(manifest -> manifest.checks().stream().map(LabManifest.CheckSpec::id).toList())
            .orElse(List.of());
    context
        .getMethodDescriptors()
        .sort(Comparator.comparingInt((MethodDescriptor method) -> rank(order, method)));
  }

  private static int rank(List<String> order, MethodDescriptor method) {
    return method
        .findAnnotation(Check.class)
        .map(check -> order.indexOf(check.value()))
        .filter(index -> index >= 0)
        .orElse(Integer.MAX_VALUE);
  }
}
