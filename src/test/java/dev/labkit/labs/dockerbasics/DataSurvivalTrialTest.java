package dev.labkit.labs.dockerbasics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DataSurvivalTrialTest {

  @Test
  void downMinusVSaysWhatStayedBehind() {
    assertThat(DataSurvivalTrial.notRemoved(true, List.of()).actual())
        .isEqualTo("the note is still there after down -v");
    assertThat(DataSurvivalTrial.notRemoved(false, List.of("labkit-1-stack_db-data")).actual())
        .isEqualTo("volumes left: [labkit-1-stack_db-data]");
    assertThat(DataSurvivalTrial.notesGone().message())
        .isEqualTo("the notes are gone after docker compose down and up");
  }
}
