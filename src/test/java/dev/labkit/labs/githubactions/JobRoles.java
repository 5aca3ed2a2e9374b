package dev.labkit.labs.githubactions;

import dev.labkit.harness.actions.Workflow;
import dev.labkit.harness.feedback.Problem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * Which job of cicd.yml plays which part, found by what the jobs do, not by their names: the one
 * that calls build.yml runs the tests, the one that pushes an image builds it, the one that runs
 * deploy.sh deploys (or, when none does, the one on the self-hosted runner). Also whether {@code
 * needs} orders them tests → image → deploy.
 */
record JobRoles(
    Optional<Workflow.Job> tests,
    Optional<Workflow.Job> image,
    Optional<Workflow.Job> deploy,
    List<Problem> problems) {

  static JobRoles of(Workflow cicd, Optional<Workflow> build) {
    var problems = new ArrayList<Problem>();
    var tests =
        cicd.jobs().stream()
            .filter(job -> job.calls().replaceFirst("^\\./", "").equals(PipelineRepo.BUILD))
            .findFirst();
    var image = cicd.jobs().stream().filter(PipelineRules::pushesImage).findFirst();
    // By what it does, not where: where it runs is deploy-job's to judge, with its own message.
    var deploy = PipelineRules.deployJobs(cicd).stream().findFirst();
    if (build.isEmpty() || !build.get().triggers().containsKey("workflow_call")) {
      problems.add(
          Problem.in(PipelineRepo.BUILD, "build.yml is not a reusable workflow")
              .expected("on: workflow_call, and a job that runs mvn -B verify")
              .actual(
                  build.isEmpty()
                      ? "no such file"
                      : "on: " + String.join(", ", build.get().triggers().keySet()))
              .hint(
                  "A reusable workflow is a whole workflow that others call like a job; it declares on: workflow_call."));
    }
    if (tests.isEmpty()) {
      problems.add(
          Problem.in(cicd.file(), "no job calls the reusable workflow")
              .expected("a job with uses: ./.github/workflows/build.yml")
              .hint(
                  "jobs: test: uses: ./.github/workflows/build.yml (no runs-on, no steps: the called workflow has them)."));
    }
    if (image.isEmpty()) {
      problems.add(
          Problem.in(cicd.file(), "no job builds and pushes the image")
              .expected("a job whose steps push ${{ vars.REGISTRY }}/notes-api:${{ github.sha }}")
              .hint(
                  "docker/build-push-action with push: true, or docker build and docker push in run: steps."));
    }
    if (deploy.isEmpty()) {
      problems.add(
          Problem.in(cicd.file(), "no job deploys on the server")
              .expected("a job with runs-on: self-hosted that runs ./deploy/deploy.sh")
              .hint("The server's runner takes jobs labelled self-hosted."));
    }
    if (tests.isPresent() && image.isPresent() && !needs(cicd, image.get(), tests.get())) {
      problems.add(
          notAfter(image.get(), tests.get(), "an image of code whose tests failed would ship"));
    }
    if (image.isPresent() && deploy.isPresent() && !needs(cicd, deploy.get(), image.get())) {
      problems.add(
          notAfter(
              deploy.get(), image.get(), "the server would pull an image that is not pushed yet"));
    }
    return new JobRoles(tests, image, deploy, problems);
  }

  /** Whether {@code job} needs {@code other}, directly or through jobs it needs. */
  private static boolean needs(Workflow workflow, Workflow.Job job, Workflow.Job other) {
    var seen = new HashSet<String>();
    var todo = new ArrayList<>(job.needs());
    while (!todo.isEmpty()) {
      var id = todo.remove(todo.size() - 1);
      if (id.equals(other.id())) {
        return true;
      }
      if (seen.add(id)) {
        workflow.jobs().stream()
            .filter(candidate -> candidate.id().equals(id))
            .forEach(candidate -> todo.addAll(candidate.needs()));
      }
    }
    return false;
  }

  private static Problem notAfter(Workflow.Job job, Workflow.Job other, String risk) {
    return Problem.in(job.workflow().file(), job.id() + " does not wait for " + other.id())
        .at(job.line(), null)
        .expected(job.id() + ": needs: " + other.id())
        .actual(
            job.needs().isEmpty()
                ? "no needs: the jobs start together"
                : "needs: " + String.join(", ", job.needs()))
        .hint("Jobs run in parallel unless needs orders them; without it " + risk + ".");
  }
}
