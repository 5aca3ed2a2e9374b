package dev.labkit.labs.githubactions;

import dev.labkit.harness.actions.Actionlint;
import dev.labkit.harness.actions.Workflow;
import dev.labkit.harness.docker.DockerEngine;
import dev.labkit.harness.feedback.Feedback;
import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.lab.Check;
import dev.labkit.harness.lab.Lab;
import dev.labkit.harness.run.LabContext;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * Checks of the github-actions-deploy lab. actionlint and a reading of the workflow files judge
 * what only GitHub would show (triggers, token permissions, pinning, environments); act's dry run
 * judges which jobs an event starts; the deploy script runs on a server of its own; and at the end
 * the whole pipeline runs with act, once every other check passes.
 */
@Lab("github-actions-deploy")
class GithubActionsDeployChecks {

  private LabContext lab;

  @BeforeAll
  void open(LabContext lab) {
    this.lab = lab;
  }

  @Check("actionlint")
  void actionlintFindsNothing() {
    var repo = repo();
    // The same unreadable file may be found twice: as a file to read and as a file to copy.
    var unusable = new LinkedHashSet<Problem>();
    for (var file : List.of(PipelineRepo.CICD, PipelineRepo.BUILD)) {
      lab.workspace().readText(file).problem().ifPresent(unusable::add);
    }
    unusable.addAll(repo.problems());
    var feedback = new Feedback();
    unusable.forEach(feedback::add);
    feedback.assertNone();
    var image = lab.images().image("actionlint");
    DockerEngine.requireImage(image);
    var findings = lab.console().step("actionlint", () -> Actionlint.lint(image, repo.root));
    for (var finding : findings) {
      feedback.add(
          Problem.in(finding.file(), finding.message())
              .at(finding.line(), finding.column())
              .actual(finding.snippet().lines().findFirst().orElse("").strip())
              .hint(hintFor(finding.kind())));
    }
    feedback.assertNone();
  }

  @Check("triggers")
  void triggersArePushPullRequestAndDispatch() {
    var cicd = workflowOrSkip(PipelineRepo.CICD);
    assertNone(PipelineRules.triggers(cicd));
  }

  @Check("permissions")
  void tokenOnlyReads() {
    var cicd = workflowOrSkip(PipelineRepo.CICD);
    assertNone(PipelineRules.permissions(cicd, repo().workflows()));
  }

  @Check("job-order")
  void testsThenImageThenDeploy() {
    var cicd = workflowOrSkip(PipelineRepo.CICD);
    var feedback = new Feedback();
    var roles = JobRoles.of(cicd, repo().workflow(PipelineRepo.BUILD));
    roles.problems().forEach(feedback::add);
    feedback.assertNone();
    JobPlan.judge(lab, repo(), roles).forEach(feedback::add);
    feedback.assertNone();
  }

  @Check("maven-cache")
  void mavenDependenciesAreCached() {
    workflowOrSkip(PipelineRepo.CICD);
    assertNone(PipelineRules.mavenCache(repo().workflows()));
  }

  @Check("actions-pinned")
  void everyActionIsPinned() {
    workflowOrSkip(PipelineRepo.CICD);
    assertNone(PipelineRules.actionsPinned(repo().workflows()));
  }

  @Check("registry-secrets")
  void credentialsComeFromSecrets() {
    workflowOrSkip(PipelineRepo.CICD);
    var script = lab.workspace().readText(PipelineRepo.DEPLOY_SCRIPT).text();
    assertNone(PipelineRules.registrySecrets(repo().workflows(), script));
  }

  @Check("deploy-job")
  void deployRunsOnTheServerOneAtATime() {
    var cicd = workflowOrSkip(PipelineRepo.CICD);
    assertNone(PipelineRules.deployJob(cicd, repo().workflows()));
  }

  @Check("deploy-script")
  void deployScriptReplacesWaitsAndFails() {
    var feedback = new Feedback();
    lab.workspace().readText(PipelineRepo.DEPLOY_SCRIPT, feedback);
    feedback.assertNone();
    DeployScriptTrial.run(lab, repo()).forEach(feedback::add);
    feedback.assertNone();
  }

  /** Needs every other check (lab.yaml): it takes minutes, and a broken basic hides in its log. */
  @Check("pipeline-runs")
  void wholePipelineRuns() {
    assertNone(PipelineRun.judge(lab, repo()));
  }

  // ----------------------------------------------------------------- helpers

  private PipelineRepo repo() {
    return lab.once("repo", () -> lab.closeAtEnd(PipelineRepo.stage(lab)));
  }

  /** The workflow, or a skip when it cannot be read (actionlint says why). */
  private Workflow workflowOrSkip(String file) {
    Optional<Workflow> workflow = repo().workflow(file);
    Assumptions.assumeTrue(workflow.isPresent(), file + " cannot be read (see actionlint)");
    return workflow.get();
  }

  private static void assertNone(List<Problem> problems) {
    var feedback = new Feedback();
    problems.forEach(feedback::add);
    feedback.assertNone();
  }

  private static String hintFor(String kind) {
    return switch (kind) {
      case "shellcheck" ->
          "actionlint runs shellcheck on every run: script; the SC number explains the rule (shellcheck.net/wiki/SC2086). Quote your variables: \"$VAR\".";
      case "expression" ->
          "Check the ${{ }} expression: the context (github, secrets, vars, needs, steps) and the property name.";
      case "job-needs" -> "needs: names jobs of the same file, by their id.";
      case "workflow-call" ->
          "A called workflow needs on: workflow_call, and the caller passes only the inputs and secrets it declares.";
      case "action" ->
          "The action has no such input or output; see its action.yml for the ones it takes.";
      case "syntax-check" ->
          "A key is misspelled or in the wrong place; see the workflow syntax reference.";
      default ->
          "actionlint's rules are explained in its docs (docs/checks.md), under the kind "
              + kind
              + ".";
    };
  }
}
