package dev.labkit.harness.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@EnabledOnOs({OS.LINUX, OS.MAC})
class CommandTest {

  @TempDir Path folder;

  @Test
  void capturesTheExitCodeAndOutputOfAProgramThatEnds() {
    var result = sh("echo out; echo err >&2; exit 3").within(Duration.ofSeconds(10)).run();

    assertThat(result.exitCode()).as("exit code").isEqualTo(3);
    assertThat(result.timedOut()).as("timed out").isFalse();
    assertThat(result.succeeded()).as("succeeded").isFalse();
    assertThat(result.output()).as("merged output").contains("out\n").contains("err\n");
  }

  @Test
  void keepsStandardErrorApartWhenAsked() {
    var result = sh("echo out; echo err >&2").errorsApart().within(Duration.ofSeconds(10)).run();

    assertThat(result.output()).as("standard output").isEqualTo("out\n");
    assertThat(result.errors().text()).as("standard error").isEqualTo("err\n");
  }

  @Test
  void theTimeLimitFiresWhileTheProgramIsStillPrinting() {
    long start = System.nanoTime();
    var result = sh("while :; do echo chatty; done").within(Duration.ofSeconds(1)).run();

    assertThat(result.timedOut()).as("timed out").isTrue();
    assertThat(result.exitCode()).as("exit code of a stopped program").isEqualTo(-1);
    assertThat(result.output()).as("what it printed until then").contains("chatty");
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .as("time until the run returned")
        .isLessThan(Duration.ofSeconds(8));
  }

  @Test
  void theWholeTreeIsKilledAtTheTimeLimit() throws Exception {
    var pidFile = folder.resolve("pids");
    var result =
        sh("sleep 100 & echo $! > " + pidFile + "; sleep 100 & echo $! >> " + pidFile + "; wait")
            .within(Duration.ofSeconds(1))
            .run();

    assertThat(result.timedOut()).as("timed out").isTrue();
    var pids = java.nio.file.Files.readAllLines(pidFile);
    assertThat(pids).as("the two sleeps' pids").hasSize(2);
    for (var pid : pids) {
      await("sleep " + pid + " killed with its parent")
          .atMost(Duration.ofSeconds(5))
          .until(() -> ended(Long.parseLong(pid.strip())));
    }
  }

  /**
   * Gone, or a zombie: a killed orphan stays in the process table until pid 1 reaps it, which in a
   * container may be never.
   */
  private static boolean ended(long pid) throws java.io.IOException {
    if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      return true;
    }
    var stat = Path.of("/proc", Long.toString(pid), "stat");
    return java.nio.file.Files.exists(stat)
        && java.nio.file.Files.readString(stat).replaceFirst(".*\\) ", "").startsWith("Z");
  }

  @Test
  void keepsTheHeadAndTailOfALongOutputAndSaysHowMuchWasDropped() {
    var result =
        sh("echo first; seq 1 100000; echo last")
            .keeping(64, 64)
            .within(Duration.ofSeconds(20))
            .run();

    var captured = result.captured();
    assertThat(captured.text()).as("kept output").startsWith("first\n").endsWith("last\n");
    assertThat(captured.text().length()).as("kept characters").isLessThan(300);
    assertThat(captured.droppedBytes()).as("dropped bytes").isGreaterThan(500_000);
    assertThat(captured.text())
        .as("kept output")
        .contains("[" + captured.droppedBytes() + " bytes dropped]");
  }

  @Test
  void withoutAHeadTheDroppedStartIsSaidOnTheFirstLine() {
    var result = sh("seq 1 1000").keeping(0, 20).within(Duration.ofSeconds(10)).run();

    assertThat(result.output())
        .as("kept output")
        .matches("\\[\\d+ earlier bytes dropped]\n(.*\n)+");
    assertThat(result.captured().lastLine()).as("last line").isEqualTo("1000");
  }

  @Test
  void onlyNamedVariablesOfTheKitsEnvironmentPass() {
    var kitEnvironment = System.getenv();
    var named = kitEnvironment.containsKey("HOME") ? "HOME" : "PATH";
    var result =
        Command.of("env")
            .passing("PATH", named)
            .with("LABKIT_SET", "explicit")
            .within(Duration.ofSeconds(10))
            .run();

    var seen =
        result.output().lines().map(line -> line.substring(0, line.indexOf('='))).sorted().toList();
    assertThat(seen)
        .as("variables the program saw")
        .containsExactlyInAnyOrderElementsOf(
            new java.util.TreeSet<>(List.of("PATH", named, "LABKIT_SET")));
    assertThat(result.output()).as("the explicit variable").contains("LABKIT_SET=explicit\n");
  }

  @Test
  void variablesPassByPrefix() {
    var result =
        Command.of("env")
            .passingPrefixed("PA")
            .with(Map.of("PAX_KIT", "1", "OTHER", "2"))
            .within(Duration.ofSeconds(10))
            .run();

    assertThat(result.output().lines().map(line -> line.substring(0, line.indexOf('='))))
        .as("variables the program saw")
        .allMatch(name -> name.startsWith("PA") || name.equals("OTHER"))
        .contains("PAX_KIT", "OTHER");
  }

  @Test
  void runsInTheFolderGiven() throws Exception {
    var result = Command.of("pwd").in(folder).within(Duration.ofSeconds(10)).run();

    assertThat(Path.of(result.output().strip()).toRealPath())
        .as("working folder")
        .isEqualTo(folder.toRealPath());
  }

  @Test
  void aProgramThatDoesNotExistCannotStartAndSaysWhy() {
    assertThatThrownBy(
            () -> Command.of("labkit-no-such-program").within(Duration.ofSeconds(5)).run())
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("labkit-no-such-program");
  }

  @Test
  void aRunNeedsATimeLimit() {
    assertThatThrownBy(() -> Command.of("true").run())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no time limit");
  }

  @Test
  void streamsStandardOutputToAReaderAndCapturesErrors() {
    var read = new StringBuilder();
    var result =
        sh("echo streamed; echo problem >&2").within(Duration.ofSeconds(10)).stream(
            output -> read.append(new String(output.readAllBytes())));

    assertThat(read).as("streamed output").hasToString("streamed\n");
    assertThat(result.output()).as("captured standard error").isEqualTo("problem\n");
    assertThat(result.succeeded()).as("succeeded").isTrue();
  }

  @Test
  void aStreamThatNeverEndsIsCutAtTheTimeLimit() {
    var result =
        sh("yes").within(Duration.ofSeconds(1)).stream(
            output -> output.transferTo(OutputStream.nullOutputStream()));

    assertThat(result.timedOut()).as("timed out").isTrue();
  }

  @Test
  void aStartedCommandTalksOverItsStandardStreams() throws Exception {
    var running = Command.of("cat").passing("PATH").start();
    try {
      running.standardInput().write("ping\n".getBytes());
      running.standardInput().close();
      assertThat(new String(running.standardOutput().readAllBytes()))
          .as("echoed")
          .isEqualTo("ping\n");
      assertThat(running.waitFor(Duration.ofSeconds(5))).as("ended").isTrue();
    } finally {
      running.kill();
    }
  }

  @Test
  void aGentleStopLetsTheProgramCleanUp() throws Exception {
    var cleaned = folder.resolve("cleaned");
    var result =
        sh("trap 'echo done > " + cleaned + "; exit 0' TERM; while :; do sleep 0.1; done")
            .stoppedGently(Duration.ofSeconds(5))
            .within(Duration.ofSeconds(1))
            .run();

    assertThat(result.timedOut()).as("timed out").isTrue();
    assertThat(cleaned).as("what its TERM trap wrote").hasContent("done");
  }

  @Test
  void aCleanUpCommandIsSparedByTheExitKillOthersAreNot() throws Exception {
    var cleanUp = Command.of("cat").passing("PATH").sparedAtExit(true).start();
    var other = Command.of("cat").passing("PATH").start();
    try {
      assertThat(LiveProcesses.isListed(cleanUp))
          .as("clean-up command listed for the exit kill")
          .isFalse();
      assertThat(LiveProcesses.isListed(other))
          .as("other command listed for the exit kill")
          .isTrue();
      other.kill();
      await("an ended command leaves the list")
          .atMost(Duration.ofSeconds(5))
          .until(() -> !LiveProcesses.isListed(other));
    } finally {
      cleanUp.kill();
      other.kill();
    }
  }

  private static Command sh(String script) {
    return Command.of("sh", "-c", script).passing("PATH");
  }
}
