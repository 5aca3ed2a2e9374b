package dev.labkit.labs.githubactions;

import dev.labkit.harness.actions.ActRun;
import dev.labkit.harness.actions.ClonedRepository;
import dev.labkit.harness.actions.OfflineActions;
import dev.labkit.harness.docker.DockerEngine;
import dev.labkit.harness.docker.EngineContainer;
import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.run.LabContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.testcontainers.images.builder.Transferable;

/**
 * Which jobs an event starts, as act plans them: a dry run evaluates every job's {@code if:} and
 * {@code needs} the way GitHub does, for a pull request to main and for a push to main. Nothing
 * runs; the jobs' containers are only planned.
 */
final class JobPlan {

  static final String REPO = "/work/plan";
  static final Duration DRY_RUN_LIMIT = Duration.ofMinutes(2);
  private static final String PUSH_EVENT = "/tmp/labkit-push.json";
  private static final String PULL_REQUEST_EVENT = "/tmp/labkit-pull-request.json";

  private JobPlan() {}

  static List<Problem> judge(LabContext lab, PipelineRepo repo, JobRoles roles) {
    var planner = lab.once("planner", () -> lab.closeAtEnd(start(lab, repo)));
    var mode = ActionsMode.of(lab);
    var pullRequest = dryRun(lab, planner, "pull_request", PULL_REQUEST_EVENT, mode, repo);
    var push = dryRun(lab, planner, "push", PUSH_EVENT, mode, repo);
    var problems = new ArrayList<Problem>();
    for (var planned : List.of(pullRequest, push)) {
      if (!planned.outcome().succeeded()) {
        problems.add(
            Problem.in(PipelineRepo.CICD, "act cannot plan the pipeline for a " + planned.event())
                .expected("act " + planned.event() + " --dryrun plans every job")
                .actual(String.join("\n", planned.outcome().log().lastErrors(8)))
                .hint("actionlint usually names the cause; fix what it reports first."));
      }
    }
    if (!problems.isEmpty()) {
      return problems;
    }
    var tests = roles.tests().orElseThrow();
    var image = roles.image().orElseThrow();
    var deploy = roles.deploy().orElseThrow();
    for (var job : List.of(tests, image, deploy)) {
      if (!push.outcome().log().succeeded(job.id())) {
        problems.add(
            Problem.in(PipelineRepo.CICD, job.id() + " does not run for a push to main")
                .at(job.line(), null)
                .expected(
                    "a push to main runs " + tests.id() + ", " + image.id() + " and " + deploy.id())
                .actual(
                    job.condition().isEmpty()
                        ? "skipped (a job it needs did not run)"
                        : "skipped by if: " + job.condition())
                .hint(
                    "For a push to main, github.event_name is 'push' and github.ref is 'refs/heads/main'."));
      }
    }
    if (!pullRequest.outcome().log().succeeded(tests.id())) {
      problems.add(
          Problem.in(PipelineRepo.CICD, tests.id() + " does not run for a pull request")
              .at(tests.line(), null)
              .expected("every pull request to main is tested")
              .actual(
                  "skipped" + (tests.condition().isEmpty() ? "" : " by if: " + tests.condition()))
              .hint("Tests are what a pull request is for: give the test job no condition."));
    }
    for (var job : List.of(image, deploy)) {
      if (pullRequest.outcome().log().succeeded(job.id())) {
        problems.add(
            Problem.in(PipelineRepo.CICD, job.id() + " also runs for a pull request")
                .at(job.line(), null)
                .expected(job.id() + " runs only for a push to main")
                .actual(job.condition().isEmpty() ? "no if: condition" : "if: " + job.condition())
                .hint(
                    "A pull request is code nobody has reviewed yet: it must not reach the registry or the server. if: github.event_name == 'push' && github.ref == 'refs/heads/main'."));
      }
    }
    return problems;
  }

  private record Planned(String event, ActRun.Outcome outcome) {}

  private static Planned dryRun(
      LabContext lab,
      EngineContainer planner,
      String event,
      String eventFile,
      ActionsMode mode,
      PipelineRepo repo) {
    var run =
        ActRun.of(event)
            .workflow(PipelineRepo.CICD)
            .eventFile(eventFile)
            .inContainers("ubuntu-latest", "labkit/planned-only")
            .inContainers("self-hosted", "labkit/planned-only")
            .dryRun();
    if (mode == ActionsMode.KIT) {
      run.localRepositories(OfflineActions.mappings(repo.workflows())).withoutCacheServer();
    }
    return new Planned(
        event,
        lab.console()
            .step("act " + event + " --dryrun", () -> run.runOn(planner, REPO, DRY_RUN_LIMIT)));
  }

  private static EngineContainer start(LabContext lab, PipelineRepo repo) {
    var image = lab.images().image("act-runner");
    DockerEngine.requireImage(image);
    var planner =
        new EngineContainer(image)
            .withCopyToContainer(
                Transferable.of(
                    "{\"ref\": \"refs/heads/main\"}".getBytes(StandardCharsets.UTF_8), 0644),
                PUSH_EVENT)
            .withCopyToContainer(
                Transferable.of(
                    ("{\"number\": 7, \"pull_request\": {\"number\": 7,"
                            + " \"head\": {\"ref\": \"feature\"}, \"base\": {\"ref\": \"main\"}}}")
                        .getBytes(StandardCharsets.UTF_8),
                    0644),
                PULL_REQUEST_EVENT);
    lab.console().step("starting a runner to plan the jobs", planner::start);
    try {
      ClonedRepository.commit(planner, repo.root, REPO, PipelineRepo.ORIGIN);
    } catch (RuntimeException e) {
      planner.stop();
      throw e;
    }
    return planner;
  }
}
