package dev.labkit.harness.lab;

import dev.labkit.harness.run.KitRoot;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGenerator;

/**
 * Display names from the manifest: "[cors-preflight] Browser app may upload, other sites may not".
 */
public final class CheckTitles extends DisplayNameGenerator.Standard {

  @Override
  public String generateDisplayNameForClass(Class<?> testClass) {
    var lab = testClass.getAnnotation(Lab.class);
    return lab == null ? super.generateDisplayNameForClass(testClass) : "lab " + lab.value();
  }

  @Override
  public String generateDisplayNameForMethod(
      List<Class<?>> enclosingInstanceTypes, Class<?> testClass, Method testMethod) {
    var check = testMethod.getAnnotation(Check.class);
    var lab = testClass.getAnnotation(Lab.class);
    if (check == null || lab == null) {
      return super.generateDisplayNameForMethod(enclosingInstanceTypes, testClass, testMethod);
    }
    var title =
        new LabCatalog(KitRoot.locate())
            .find(lab.value())
            .flatMap(manifest -> manifest.check(check.value()))
            .map(LabManifest.CheckSpec::title)
            .orElse(testMethod.getName());
    return "[" + check.value() + "] " + title;
  }
}
