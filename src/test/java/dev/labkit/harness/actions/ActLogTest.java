package dev.labkit.harness.actions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ActLogTest {

  /** Shaped like act 0.2.89's --json lines for a reusable workflow job, a skip and a failure. */
  private static final String LOG =
      """
      {"job":"test/Build and test/maven","jobID":"maven","jobResult":"success","level":"info","msg":"🏁  Job succeeded"}
      {"job":"CI/CD/image","jobID":"image","jobResult":"skipped","level":"debug","msg":"Skipping job 'image'"}
      {"job":"CI/CD/deploy","jobID":"deploy","level":"info","msg":"step output","raw_output":true,"step":"Deploy","stepID":["2"]}
      {"job":"CI/CD/deploy","jobID":"deploy","level":"info","msg":"  ❌  Failure - Main Deploy","stage":"Main","step":"Deploy","stepID":["2"],"stepResult":"failure"}
      {"job":"CI/CD/deploy","jobID":"deploy","level":"info","msg":"  ❌  Failure - Main Deploy","stage":"Main","step":"Deploy","stepID":["2","inner"],"stepResult":"failure"}
      {"job":"CI/CD/deploy","jobID":"deploy","jobResult":"failure","level":"info","msg":"🏁  Job failed"}
      Error: Job 'deploy' failed
      """;

  @Test
  void aCalledWorkflowSucceedsThroughItsJobs() {
    var log = ActLog.parse(LOG);

    assertThat(log.succeeded("test")).isTrue();
    assertThat(log.succeeded("image")).isFalse();
    assertThat(log.jobResults())
        .containsEntry("maven", "success")
        .containsEntry("image", "skipped")
        .containsEntry("deploy", "failure");
  }

  @Test
  void aFailedStepIsReportedOnceWithItsOutput() {
    var failed = ActLog.parse(LOG).failedSteps();

    assertThat(failed)
        .singleElement()
        .satisfies(
            step -> {
              assertThat(step.jobId()).isEqualTo("deploy");
              assertThat(step.tail(5)).isEqualTo("step output");
            });
    assertThat(ActLog.parse(LOG).errors()).containsExactly("Error: Job 'deploy' failed");
  }
}
