package dev.labkit.harness.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.labkit.harness.docker.KitContainers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What one run session owns and how it lets go of it. */
class RunSessionTest {

  @Test
  void closesWhatWasRegisteredNewestFirstAndOnlyOnce() {
    var session = new RunSession();
    var closed = new ArrayList<String>();
    session.atClose(() -> closed.add("network"));
    session.atClose(() -> closed.add("compose down"));
    session.atClose(
        () -> {
          throw new IllegalStateException("already gone");
        });
    session.atClose(() -> closed.add("temp folder"));

    session.close();
    session.close();

    assertThat(closed)
        .as("clean-up order: newest first, past a failing action, once")
        .containsExactly("temp folder", "compose down", "network");
    assertThat(session.isClosed()).isTrue();
    assertThatThrownBy(() -> session.atClose(() -> {}))
        .as("nothing registers with a closed session")
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aSharedResourceIsMadeOnceAndClosedWithTheSession() {
    var session = new RunSession();
    var made = new AtomicInteger();
    var closed = new AtomicInteger();
    AutoCloseable first = session.shared("s3:localstack", () -> newResource(made, closed));
    AutoCloseable second = session.shared("s3:localstack", () -> newResource(made, closed));

    assertThat(second).as("the second lab run gets the first one's backend").isSameAs(first);
    assertThat(made).as("resources made").hasValue(1);
    session.close();
    assertThat(closed).as("resources closed with the session").hasValue(1);
  }

  @Test
  void aFailureToMakeASharedResourceIsRemembered() {
    var session = new RunSession();
    var attempts = new AtomicInteger();
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(
              () ->
                  session.shared(
                      "images",
                      () -> {
                        attempts.incrementAndGet();
                        throw new EnvironmentProblem("no image", "build it");
                      }))
          .hasMessageContaining("no image");
    }
    assertThat(attempts).as("attempts to make it").hasValue(1);
  }

  @Test
  void namesAndLabelsAreTheSessionsOwn() {
    var session = new RunSession();
    var other = new RunSession();
    var pid = Long.toString(ProcessHandle.current().pid());

    assertThat(session.runId()).startsWith(pid + "-").isNotEqualTo(other.runId());
    assertThat(List.of(session.composeProjectName("config"), session.composeProjectName("config")))
        .containsExactly(
            "labkit-" + session.runId() + "-1-config", "labkit-" + session.runId() + "-2-config");
    assertThat(session.labels())
        .containsEntry(KitContainers.LABEL_KIT, "true")
        .containsEntry(KitContainers.LABEL_PID, pid)
        .containsKey(KitContainers.LABEL_HOST)
        .doesNotContainEntry(
            KitContainers.LABEL_SESSION, other.labels().get(KitContainers.LABEL_SESSION));
  }

  @Test
  void overlappingRunsShareOneSessionThatTheLastToLetGoCloses() {
    assumeFalse(RunSession.isAnyOpen(), "another test of this JVM holds a session");
    var outer = RunSession.take();
    var inner = RunSession.take();
    assertThat(inner).as("a nested lab run joins the open session").isSameAs(outer);

    RunSession.letGo(inner);
    assertThat(outer.isClosed()).as("closed while the outer run still holds it").isFalse();
    RunSession.letGo(outer);
    assertThat(outer.isClosed()).as("closed when the last holder lets go").isTrue();

    var next = RunSession.take();
    try {
      assertThat(next).as("a later run gets a new session").isNotSameAs(outer);
    } finally {
      RunSession.letGo(next);
    }
  }

  private static AutoCloseable newResource(AtomicInteger made, AtomicInteger closed) {
    made.incrementAndGet();
    return closed::incrementAndGet;
  }
}
