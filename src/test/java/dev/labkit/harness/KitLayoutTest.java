package dev.labkit.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.labkit.harness.images.ImageCatalog;
import dev.labkit.harness.lab.LabCatalog;
import dev.labkit.harness.run.KitRoot;
import dev.labkit.harness.run.LabSettings;
import dev.labkit.harness.selftest.LabCheckRunner;
import dev.labkit.harness.selftest.SelfTestCase;
import dev.labkit.harness.selftest.SelfTestCases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The rules every lab folder and the image catalog keep, checked without Docker. */
class KitLayoutTest {

  static List<String> labs() {
    return new LabCatalog(KitRoot.locate()).ids();
  }

  @ParameterizedTest
  @MethodSource("labs")
  void everyLabHasItsPartsAndAMistakeForEachCheck(String lab) {
    var catalog = new LabCatalog(KitRoot.locate());
    var manifest = catalog.load(lab);
    var folder = catalog.folder(lab);
    assertThat(folder.resolve("README.md")).as("labs/%s/README.md", lab).isRegularFile();
    var kitOwn = catalog.kitOwnFolder(lab);
    assertThat(kitOwn.resolve("solution")).as("labs/%s/.meta/solution/", lab).isDirectory();
    for (var caseFolder : List.of("solution", "alternatives", "mistakes")) {
      assertThat(folder.resolve(caseFolder))
          .as(
              "labs/%s/%s/: the kit's own cases belong in labs/%s/.meta/%s/, out of the learner's"
                  + " folder",
              lab, caseFolder, lab, caseFolder)
          .doesNotExist();
    }
    assertThat(manifest.checks()).as("checks of %s", lab).isNotEmpty();
    assertThatCode(() -> LabCheckRunner.checkClass(lab))
        .as("the @Lab class of %s", lab)
        .doesNotThrowAnyException();
    assertThat(manifest.needsProblems())
        .as("every need of %s is a check of the lab listed before the check that needs it", lab)
        .isEmpty();
    var cases = SelfTestCases.discover(KitRoot.locate(), Optional.of(lab));
    var checksWithAMistake =
        cases.stream()
            .filter(c -> c.kind() == SelfTestCase.Kind.MISTAKE)
            .map(c -> c.expectedFailure().orElseThrow())
            .collect(Collectors.toSet());
    var checkIds = manifest.checks().stream().map(check -> check.id()).collect(Collectors.toSet());
    assertThat(checksWithAMistake)
        .as("every expect file of %s names one of its checks", lab)
        .isSubsetOf(checkIds);
    assertThat(checksWithAMistake)
        .as("every check of %s has a mistake that fails it", lab)
        .containsAll(checkIds);
    for (var image : manifest.images()) {
      assertThat(
              ImageCatalog.load(KitRoot.locate(), new LabSettings(key -> Optional.empty()))
                  .pinned())
          .as("image %s of %s is in %s", image, lab, ImageCatalog.FILE)
          .containsKey(image);
    }
    for (var kitFile : manifest.kitFiles()) {
      assertThat(KitRoot.locate().resolve(kitFile))
          .as("kit-files entry %s of %s (relative to the kit's root)", kitFile, lab)
          .exists();
    }
  }

  @ParameterizedTest
  @MethodSource("labs")
  void everyMistakeAndAlternativeChangesSomethingOfTheSolution(String lab) throws IOException {
    for (var testCase : SelfTestCases.discover(KitRoot.locate(), Optional.of(lab))) {
      if (testCase.overlay().isEmpty()) {
        continue;
      }
      var overlay = testCase.overlay().get();
      try (var paths = Files.walk(overlay)) {
        var changed =
            paths
                .filter(
                    path ->
                        Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)
                            || Files.isSymbolicLink(path))
                .filter(path -> !path.getFileName().toString().equals(SelfTestCases.EXPECT_FILE))
                .filter(
                    path ->
                        !sameContent(
                            path,
                            testCase.baseFolder().resolve(overlay.relativize(path).toString())))
                .count();
        assertThat(changed)
            .as("%s changes at least one file of the solution", testCase)
            .isPositive();
      }
    }
  }

  /** Same bytes and the same executable bit: a script that lost its x is a change too. */
  private static boolean sameContent(Path changed, Path original) {
    try {
      return !Files.isSymbolicLink(changed)
          && Files.isRegularFile(original)
          && Files.mismatch(changed, original) == -1
          && Files.isExecutable(changed) == Files.isExecutable(original);
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void everyImageIsPinnedAndEveryImageALabStartsHasARecipe() {
    var root = KitRoot.locate();
    var pinned = ImageCatalog.load(root, new LabSettings(key -> Optional.empty())).pinned();
    var catalog = new LabCatalog(root);
    var startedByLabs =
        catalog.ids().stream()
            .flatMap(id -> catalog.load(id).images().stream())
            .collect(Collectors.toSet());
    assertThat(pinned).isNotEmpty();
    pinned.forEach(
        (name, image) -> {
          assertThat(image)
              .as("catalog entry %s", name)
              .matches(".+:v?[0-9][^:]*")
              .doesNotEndWith(":latest");
          if (startedByLabs.contains(name)) {
            assertThat(
                    Files.isRegularFile(root.resolve("images").resolve(name).resolve("Dockerfile")))
                .as("images/%s/Dockerfile, the offline stand-in for %s", name, image)
                .isTrue();
          }
        });
  }

  @Test
  void composeFilesUseOnlyCatalogImages() throws IOException {
    var pins =
        ImageCatalog.load(KitRoot.locate(), new LabSettings(key -> Optional.empty()))
            .pinned()
            .values();
    var yaml = new ObjectMapper(new YAMLFactory());
    try (var files = Files.list(KitRoot.locate().resolve("compose"))) {
      for (var file : files.filter(path -> path.toString().endsWith(".yaml")).toList()) {
        yaml.readTree(file.toFile())
            .path("services")
            .forEach(
                service ->
                    assertThat(service.path("image").asText())
                        .as("image in %s", file.getFileName())
                        .isIn(pins));
      }
    }
  }

  @Test
  void anOverrideReplacesThePin() {
    var catalog =
        ImageCatalog.load(
            KitRoot.locate(),
            new LabSettings(
                key ->
                    key.equals("labkit.image.localstack")
                        ? Optional.of("localstack/localstack:4.15.0")
                        : Optional.empty()));
    assertThat(catalog.image("localstack").asCanonicalNameString())
        .isEqualTo("localstack/localstack:4.15.0");
    assertThat(catalog.isOverridden("localstack")).isTrue();
  }
}
