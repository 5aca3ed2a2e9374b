package dev.labkit.harness.selftest;

import dev.labkit.harness.lab.LabCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds every selftest case of the kit's labs from their folders: the starter is {@code
 * labs/<id>/}; the solution, alternatives and mistakes are under its {@code .meta/} ({@link
 * LabCatalog#KIT_OWN}). Case names leave {@code .meta/} out: {@code solution}, {@code
 * alternatives/<n>}, {@code mistakes/<n>}.
 */
public final class SelfTestCases {

  public static final String EXPECT_FILE = "expect";

  private SelfTestCases() {}

  /** The folder of a lab's reference solution, as its selftest finds it. */
  public static Path solutionFolder(Path kitRoot, String lab) {
    return discover(kitRoot, Optional.of(lab)).stream()
        .filter(testCase -> testCase.kind() == SelfTestCase.Kind.SOLUTION)
        .findFirst()
        .orElseThrow()
        .baseFolder();
  }

  public static List<SelfTestCase> discover(Path kitRoot, Optional<String> onlyLab) {
    var catalog = new LabCatalog(kitRoot);
    var cases = new ArrayList<SelfTestCase>();
    for (var lab : catalog.ids()) {
      if (onlyLab.isPresent() && !onlyLab.get().equals(lab)) {
        continue;
      }
      var folder = catalog.folder(lab);
      var kitOwn = catalog.kitOwnFolder(lab);
      var solution = kitOwn.resolve("solution");
      cases.add(
          new SelfTestCase(
              lab,
              SelfTestCase.Kind.SOLUTION,
              "solution",
              solution,
              Optional.empty(),
              Optional.empty(),
              Map.of()));
      for (var settings : catalog.load(lab).solutionAlsoPassesWith()) {
        cases.add(
            new SelfTestCase(
                lab,
                SelfTestCase.Kind.SOLUTION,
                "solution",
                solution,
                Optional.empty(),
                Optional.empty(),
                Map.copyOf(settings)));
      }
      cases.add(
          new SelfTestCase(
              lab,
              SelfTestCase.Kind.STARTER,
              "starter",
              folder,
              Optional.empty(),
              Optional.empty(),
              Map.of()));
      for (var alternative : subfolders(kitOwn.resolve("alternatives"))) {
        cases.add(
            new SelfTestCase(
                lab,
                SelfTestCase.Kind.ALTERNATIVE,
                "alternatives/" + alternative.getFileName(),
                solution,
                Optional.of(alternative),
                Optional.empty(),
                Map.of()));
      }
      for (var mistake : subfolders(kitOwn.resolve("mistakes"))) {
        cases.add(
            new SelfTestCase(
                lab,
                SelfTestCase.Kind.MISTAKE,
                "mistakes/" + mistake.getFileName(),
                solution,
                Optional.of(mistake),
                Optional.of(expectedCheck(mistake)),
                Map.of()));
      }
    }
    return cases;
  }

  private static String expectedCheck(Path mistake) {
    try {
      return Files.readString(mistake.resolve(EXPECT_FILE), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(
          mistake + " needs a one-line 'expect' file naming the check it fails", e);
    }
  }

  private static List<Path> subfolders(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(folder)) {
      return children.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
