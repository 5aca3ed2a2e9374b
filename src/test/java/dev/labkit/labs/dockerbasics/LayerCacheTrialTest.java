package dev.labkit.labs.dockerbasics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LayerCacheTrialTest {

  @Test
  void aRerunIsAnExecutedStepThatNeededTheNetworkWhateverItsSpacing() {
    var needNetwork = List.of("RUN mvn -B -ntp  dependency:go-offline");
    assertThat(
            LayerCacheTrial.rerun(
                List.of(
                    "COPY src ./src", "RUN mvn -B -ntp dependency:go-offline", "RUN mvn package"),
                needNetwork))
        .contains("RUN mvn -B -ntp dependency:go-offline");
    assertThat(LayerCacheTrial.rerun(List.of("COPY src ./src", "RUN mvn -o package"), needNetwork))
        .isEmpty();
  }

  @Test
  void theRerunIsReportedAtItsLineWithTheEditedFile() {
    var problem = LayerCacheTrial.downloadsAgain("RUN mvn -B package", Optional.of(5));
    assertThat(problem.line()).isEqualTo(5);
    assertThat(problem.expected())
        .isEqualTo(
            "after editing src/main/java/dev/labkit/notes/NotesApi.java, the step that downloads comes from the cache");
    assertThat(problem.actual())
        .isEqualTo(
            "RUN mvn -B package ran again (it needs the network: it failed in a build without it)");
  }
}
