package dev.labkit.labs.dockerbasics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.labkit.harness.feedback.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildContextTest {

  @Test
  void aContextWithoutThePlantedFilesPassesEvenWithAnEmptyTarget(@TempDir Path context)
      throws Exception {
    Files.createDirectories(context.resolve("target"));
    Files.writeString(context.resolve("pom.xml"), "<project/>");
    assertThat(BuildContext.judge(context, true, List.of())).isEmpty();
  }

  @Test
  void everyPlantedFileThatArrivedIsNamed(@TempDir Path context) throws Exception {
    Files.writeString(context.resolve(".env"), "DB_PASSWORD=x\n");
    Files.createDirectories(context.resolve(".git"));
    Files.writeString(context.resolve(".git/HEAD"), "ref: refs/heads/main\n");

    var withIgnore = BuildContext.judge(context, true, List.of());
    assertThat(withIgnore)
        .extracting(Problem::message)
        .containsExactly(
            ".env is sent to the builder with the build context",
            ".git is sent to the builder with the build context");
    assertThat(withIgnore)
        .extracting(Problem::expected)
        .containsExactly(".env listed in app/.dockerignore", ".git/ listed in app/.dockerignore");
    assertThat(withIgnore.get(0).actual()).isEqualTo("app/.dockerignore does not exclude it");
    assertThat(BuildContext.judge(context, false, List.of()).get(0).actual())
        .isEqualTo("there is no app/.dockerignore");
  }

  @Test
  void theFakeSecretInsideTheImageIsReportedWithItsFiles(@TempDir Path context) {
    var problems = BuildContext.judge(context, true, List.of("/app/.env", "/app/config/.env"));
    assertThat(problems)
        .singleElement()
        .extracting(Problem::actual)
        .isEqualTo("/app/.env, /app/config/.env");
  }
}
