package dev.labkit.harness.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.labkit.harness.run.EnvironmentProblem;
import dev.labkit.harness.run.LabSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagesOnFirstUseTest {

  @TempDir Path kit;

  private final List<String> progress = new ArrayList<>();

  private ImagesOnFirstUse builder(Set<String> present, Map<String, String> settings)
      throws Exception {
    Files.createDirectories(kit.resolve("images"));
    Files.writeString(kit.resolve(ImageCatalog.FILE), "nginx=nginx:1.26.3\necho=labkit/echo:1.0\n");
    var catalog =
        ImageCatalog.load(kit, new LabSettings(key -> Optional.ofNullable(settings.get(key))));
    return new ImagesOnFirstUse(kit, catalog, present::contains, progress::add);
  }

  /** A stand-in for scripts/build-images.sh that prints like it and ends with {@code exit}. */
  private void buildScript(int exit) throws Exception {
    Files.createDirectories(kit.resolve("scripts"));
    Files.writeString(
        kit.resolve("scripts/build-images.sh"),
        "echo \"==> $1: docker build\"\necho 'Step 3/9 : RUN apt-get install'\necho \"    built $1 in 1.0s\"\n"
            + "[ \"$2\" = fail ] && { echo 'E: no route to deb.debian.org'; exit "
            + exit
            + "; }\nexit 0\n");
  }

  @Test
  void nothingIsBuiltWhenEveryImageIsThere() throws Exception {
    builder(Set.of("nginx", "echo"), Map.of()).ensure(List.of("nginx", "echo"));

    assertThat(progress).isEmpty();
  }

  @Test
  void anImageTheLearnerChoseIsNeverBuilt() throws Exception {
    var builder = builder(Set.of(), Map.of("labkit.image.nginx", "nginx:1.27.0"));

    assertThat(builder.missing(List.of("nginx", "echo"))).containsExactly("echo");
  }

  @Test
  void missingImagesAreBuiltWithTheScriptAndItsProgressIsShown() throws Exception {
    buildScript(0);

    builder(Set.of("nginx"), Map.of()).ensure(List.of("nginx", "echo"));

    assertThat(progress.get(0)).startsWith("building the images this lab needs, once: echo");
    assertThat(progress).contains("  ==> echo: docker build", "  built echo in 1.0s");
    assertThat(progress).noneMatch(line -> line.contains("Step 3/9"));
  }

  @Test
  void aFailedBuildIsAnEnvironmentProblemQuotingItsLastLines() throws Exception {
    buildScript(3);

    assertThatThrownBy(() -> builder(Set.of(), Map.of()).ensure(List.of("echo", "fail")))
        .isInstanceOf(EnvironmentProblem.class)
        .hasMessageContaining("Building the images echo, fail failed")
        .hasMessageContaining("E: no route to deb.debian.org");
  }
}
