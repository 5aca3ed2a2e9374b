package dev.labkit.harness.run;

import dev.labkit.harness.lab.LabManifest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a lab's verdict depends on, as kit files: the harness's code (and the sandbox host learner
 * code runs under), the lab's check classes, its lab.yaml, the image catalog and the recipes of the
 * images it lists, and the kit files it names as {@code kit-files} (a shared app it builds). The
 * unit tests beside that code are left out: they judge the kit, not a submission.
 */
record CheckSources(Path kitRoot, List<Path> roots) {

  static CheckSources of(Path kitRoot, Class<?> checkClass, LabManifest manifest) {
    var sources = kitRoot.resolve("src/test/java");
    var roots = new ArrayList<Path>();
    roots.add(sources.resolve("dev/labkit/harness"));
    roots.add(sources.resolve("dev/labkit/sandbox"));
    roots.add(sources.resolve(checkClass.getPackageName().replace('.', '/')));
    roots.add(kitRoot.resolve("labs").resolve(manifest.id()).resolve("lab.yaml"));
    roots.add(kitRoot.resolve("images/catalog.properties"));
    manifest.images().forEach(image -> roots.add(kitRoot.resolve("images").resolve(image)));
    manifest.kitFiles().forEach(file -> roots.add(kitRoot.resolve(file).normalize()));
    return new CheckSources(
        kitRoot, roots.stream().filter(root -> root.startsWith(kitRoot)).distinct().toList());
  }

  /** A unit test of the kit (Surefire's naming), which no verdict depends on. */
  static boolean isUnitTest(String relativeName) {
    return relativeName.startsWith("src/test/java/") && relativeName.endsWith("Test.java");
  }
}
