package dev.labkit.labs.githubactions;

import dev.labkit.harness.actions.ActLog;
import dev.labkit.harness.actions.ActRun;
import dev.labkit.harness.actions.ClonedRepository;
import dev.labkit.harness.actions.OfflineActions;
import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.run.LabContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The pipeline-runs check: act runs cicd.yml for a push to main on the server's own engine, as a
 * runner would, with the registry's credentials as the secrets REGISTRY_USERNAME and REGISTRY_TOKEN
 * and its address as the variable REGISTRY. The tests must pass, the registry must then hold {@code
 * notes-api:<sha>}, and the server must run that image on port 8080.
 */
final class PipelineRun {

  static final Duration PIPELINE_LIMIT = Duration.ofMinutes(20);
  static final String REPO = "/work/notes-api";
  private static final String REGISTRY_USER = "labkit-ci";

  private PipelineRun() {}

  static List<Problem> judge(LabContext lab, PipelineRepo repo) {
    var problems = new ArrayList<Problem>();
    var mode = ActionsMode.of(lab);
    if (mode == ActionsMode.KIT) {
      for (var action : OfflineActions.unavailable(repo.workflows())) {
        problems.add(
            Problem.of(action + " cannot run here: GitHub is out of reach")
                .expected(
                    "offline, only " + String.join(", ", new TreeSet<>(OfflineActions.STOOD_IN)))
                .hint(
                    "Use docker, mvn or curl in a run: step instead, or run with network and -Dlabkit.actions=github."));
      }
      if (!problems.isEmpty()) {
        return problems;
      }
    }
    var token = "token-" + UUID.randomUUID();
    // Closed when the run ends (the last check), so a learner may keep it (-Dlabkit.keep=true).
    var server =
        lab.closeAtEnd(DeployServer.start(lab, Optional.of(Map.entry(REGISTRY_USER, token)), true));
    lab.console()
        .step(
            "loading the base images into the runner's engine",
            () -> BaseImagesForRunner.load(lab, server.server));
    var sha = ClonedRepository.commit(server.server, repo.root, REPO, PipelineRepo.ORIGIN);
    var run =
        ActRun.of("push")
            .workflow(PipelineRepo.CICD)
            .onTheMachine("ubuntu-latest", "self-hosted")
            .secret("REGISTRY_USERNAME", REGISTRY_USER)
            .secret("REGISTRY_TOKEN", token)
            .variable("REGISTRY", DeployServer.REGISTRY);
    if (mode == ActionsMode.KIT) {
      run.localRepositories(OfflineActions.mappings(repo.workflows())).withoutCacheServer();
    }
    var outcome =
        lab.console()
            .step(
                "act push (" + mode.describe() + ")",
                () -> run.runOn(server.server, REPO, PIPELINE_LIMIT));
    if (!outcome.succeeded()) {
      var failed = outcome.log().failedSteps();
      for (var step : failed) {
        problems.add(
            Problem.of(
                    "job "
                        + step.jobId()
                        + ", "
                        + (step.step().isEmpty() ? "a step" : "step \"" + step.step() + "\"")
                        + " failed")
                .expected("every job of the push to main succeeds")
                .actual("its last lines:\n" + step.tail(15))
                .hint(hintFor(step)));
      }
      if (failed.isEmpty()) {
        problems.add(
            Problem.of("act could not run the pipeline")
                .expected("act push runs cicd.yml to the end")
                .actual(
                    outcome.cli().timedOut()
                        ? "still running after " + PIPELINE_LIMIT.toMinutes() + " minutes"
                        : String.join("\n", outcome.log().lastErrors(12)))
                .hint("Run it yourself: act push -W .github/workflows/cicd.yml (see the README)."));
      }
      return problems;
    }
    if (!outcome.log().anyStepPrinted(KitApp.TESTS_RAN)) {
      problems.add(
          Problem.of("the pipeline built the app without running its tests")
              .expected(
                  "the test job runs the notes API's tests (its log then shows \""
                      + KitApp.TESTS_RAN
                      + "\")")
              .actual("no step printed it")
              .hint(
                  "-DskipTests or -Dmaven.test.skip=true builds without testing, and a green pipeline then proves nothing: run mvn -B verify."));
    }
    var image = DeployServer.REGISTRY + "/" + DeployServer.APP_REPOSITORY + ":" + sha;
    if (!server.registry.hasImage(DeployServer.APP_REPOSITORY, sha)) {
      problems.add(
          Problem.of("the registry has no " + image + " after the pipeline")
              .expected("the image job pushes ${{ vars.REGISTRY }}/notes-api:${{ github.sha }}")
              .actual("jobs: " + outcome.log().jobResults())
              .hint(
                  "Tag with ${{ vars.REGISTRY }}/notes-api:${{ github.sha }} and push to that name."));
    }
    var running = server.appContainers().stream().filter(c -> c.state().equals("running")).toList();
    if (running.size() != 1 || !running.get(0).image().equals(image)) {
      problems.add(
          Problem.of("the server does not run this commit's image after the pipeline")
              .expected("one running container of " + image)
              .actual(running.isEmpty() ? "no running container of the app" : running.toString())
              .hint(
                  "The deploy job runs ./deploy/deploy.sh \"${{ vars.REGISTRY }}/notes-api:${{ github.sha }}\"."));
    } else if (!server.answers(DeployScriptTrial.ANSWER_LIMIT)) {
      problems.add(
          Problem.of("the new version does not answer on the server's port 8080")
              .expected("GET http://server:8080/health → 200")
              .actual("no answer within " + DeployScriptTrial.ANSWER_LIMIT.toSeconds() + " s"));
    }
    return problems;
  }

  private static String hintFor(ActLog.FailedStep step) {
    var output = String.join("\n", step.output());
    if (output.contains("unauthorized") || output.contains("authentication required")) {
      return "The registry refused the credentials: log in with ${{ secrets.REGISTRY_USERNAME }} and ${{ secrets.REGISTRY_TOKEN }} in every job that pushes or pulls.";
    }
    if (output.contains("no basic auth credentials")) {
      return "This job did not log in to the registry. A login lasts only for the job that made it (docker/login-action logs out when its job ends), "
          + "so the deploy job needs its own docker/login-action step before it pulls.";
    }
    if (output.contains("no POM") || output.contains("there is no POM")) {
      return "The app is in app/: run Maven with working-directory: app (or mvn -f app/pom.xml).";
    }
    if (output.contains("Permission denied")) {
      return "deploy/deploy.sh must be executable: chmod +x deploy/deploy.sh, and commit that (git update-index --chmod=+x).";
    }
    return "Run the pipeline yourself with act to see the whole log (see the README).";
  }
}
