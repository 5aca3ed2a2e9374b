package dev.labkit.harness.grading;

import static org.assertj.core.api.Assertions.assertThat;

import dev.labkit.harness.lab.LabCatalog;
import dev.labkit.harness.run.KitRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GradebookTest {

  @TempDir Path folder;

  @Test
  void quotesOnlyTheValuesThatNeedIt() throws Exception {
    var manifest = new LabCatalog(KitRoot.locate()).load("presigned-url");
    var file = folder.resolve("gradebook.csv");

    Gradebook.write(
        file,
        manifest,
        List.of(
            new GradedSubmission("03-a-rather-long-submission-name", Optional.empty(), 1500, ""),
            new GradedSubmission(
                "mallory", Optional.empty(), 0, "not graded: exit code 3, see run.log")));

    var lines = Files.readAllLines(file);
    assertThat(lines.get(0)).startsWith("submission,score,max_score,code-compiles,");
    assertThat(lines.get(1)).startsWith("03-a-rather-long-submission-name,0,100,not run,");
    assertThat(lines.get(1)).endsWith(",1.5,");
    assertThat(lines.get(2)).endsWith(",\"not graded: exit code 3, see run.log\"");
  }
}
