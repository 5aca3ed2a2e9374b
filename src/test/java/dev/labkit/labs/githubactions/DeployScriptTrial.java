package dev.labkit.labs.githubactions;

import dev.labkit.harness.docker.DockerCli;
import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.run.LabContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The deploy-script check: the learner's {@code deploy/deploy.sh} runs on a server of its own four
 * times, as four pushes would run it: a first version, a second one (which must replace the first),
 * a tag the registry does not have (the second must keep serving), and one that never answers
 * /health (the script must fail, and ideally put the second back).
 */
final class DeployScriptTrial {

  /**
   * One deploy: pulling, starting and a bounded health wait; longer means the wait is unbounded.
   */
  static final Duration DEPLOY_LIMIT = Duration.ofMinutes(3);

  static final Duration ANSWER_LIMIT = Duration.ofSeconds(30);

  /** A tag no pipeline pushed. */
  static final String MISSING = "never-pushed";

  private DeployScriptTrial() {}

  static List<Problem> run(LabContext lab, PipelineRepo repo) {
    var images =
        lab.console()
            .step("building the notes API versions to deploy", () -> NotesApiImages.get(lab));
    try (var server = DeployServer.start(lab, Optional.empty())) {
      var registry = server.registry.hostAddress();
      lab.console()
          .step(
              "pushing three versions to the registry",
              () -> {
                NotesApiImages.push(images.first(), registry, DeployServer.APP_REPOSITORY + ":v1");
                NotesApiImages.push(images.second(), registry, DeployServer.APP_REPOSITORY + ":v2");
                NotesApiImages.push(
                    images.broken(), registry, DeployServer.APP_REPOSITORY + ":broken");
              });
      server.copyIntoRepo(repo.root, "deploy");
      var problems = new ArrayList<Problem>();
      if (deployGood(lab, server, "v1", problems) && deployGood(lab, server, "v2", problems)) {
        deployMissing(lab, server, problems);
        deployBroken(lab, server, problems);
      }
      return problems;
    }
  }

  /** Deploys a good version; adds problems and returns false when it is not the one running. */
  private static boolean deployGood(
      LabContext lab, DeployServer server, String version, List<Problem> problems) {
    var image = image(version);
    var result = lab.console().step("deploy.sh " + image, () -> server.deploy(image, DEPLOY_LIMIT));
    var containers = server.appContainers();
    if (!result.succeeded()) {
      problems.add(
          Problem.in(
                  PipelineRepo.DEPLOY_SCRIPT,
                  "deploy.sh failed on a good version (" + version + ")")
              .expected("exit code 0, " + version + " running and answering /health")
              .actual(
                  ended(result)
                      + "; the app's containers: "
                      + containers
                      + "; its last lines:\n"
                      + result.tail(12))
              .hint(
                  version.equals("v1")
                      ? "Pull the image, then docker run --detach --name notes-api --env-file "
                          + DeployServer.ENV_FILE
                          + " --publish 8080:8080 <image>."
                      : "Remove the running container first (docker rm --force notes-api), or port 8080 is still taken when the new one starts."));
      return false;
    }
    var running = containers.stream().filter(c -> c.state().equals("running")).toList();
    if (containers.size() != 1
        || running.size() != 1
        || !running.get(0).version().equals(version)) {
      problems.add(
          Problem.in(
                  PipelineRepo.DEPLOY_SCRIPT,
                  "after deploying " + version + " the server does not run exactly that version")
              .expected("one container of the app, from " + image + ", running")
              .actual(containers.isEmpty() ? "no container of the app" : containers.toString())
              .hint(
                  "Replace, do not add: remove the old container (docker rm --force) before starting the new one with the same name."));
      return false;
    }
    if (!server.answers(DeployScriptTrial.ANSWER_LIMIT)) {
      problems.add(
          Problem.in(
                  PipelineRepo.DEPLOY_SCRIPT,
                  "after deploying " + version + " nothing answers on the server's port 8080")
              .expected("GET http://server:8080/health → 200")
              .actual("no answer within " + ANSWER_LIMIT.toSeconds() + " s")
              .hint(
                  "Publish the app's port: --publish 8080:8080; and pass the settings: --env-file "
                      + DeployServer.ENV_FILE
                      + "."));
      return false;
    }
    return true;
  }

  /**
   * Deploys a tag the registry does not have, as a push whose image job was lost would: the pull
   * fails, and v2 must still serve, so the script must pull before it removes anything.
   */
  private static void deployMissing(LabContext lab, DeployServer server, List<Problem> problems) {
    var image = image(MISSING);
    var result =
        lab.console()
            .step(
                "deploy.sh " + image + " (not in the registry)",
                () -> server.deploy(image, DEPLOY_LIMIT));
    var stillServing =
        server.appContainers().stream()
                .anyMatch(c -> c.state().equals("running") && c.version().equals("v2"))
            && server.answers(ANSWER_LIMIT);
    if (!stillServing) {
      problems.add(
          Problem.in(
                  PipelineRepo.DEPLOY_SCRIPT, "a deploy whose image cannot be pulled took v2 down")
              .expected("v2 still running and answering /health after the failed pull")
              .actual(
                  ended(result)
                      + "; the app's containers: "
                      + server.appContainers()
                      + "; its last lines:\n"
                      + result.tail(8))
              .hint(
                  "Pull first, with set -e (or || exit 1), and remove the old container only once the new image is on the server: a registry outage or a wrong tag must leave the site up."));
    }
    if (result.succeeded()) {
      problems.add(
          Problem.in(
                  PipelineRepo.DEPLOY_SCRIPT,
                  "deploy.sh reports success for an image it could not pull")
              .expected("a non-zero exit code, so the deploy job fails")
              .actual("exit code 0; its last lines:\n" + result.tail(8))
              .hint("set -euo pipefail at the top makes a failed docker pull end the script."));
    }
  }

  private static void deployBroken(LabContext lab, DeployServer server, List<Problem> problems) {
    var image = image("broken");
    var result =
        lab.console()
            .step(
                "deploy.sh " + image + " (never healthy)",
                () -> server.deploy(image, DEPLOY_LIMIT));
    if (result.timedOut()) {
      problems.add(
          Problem.in(
                  PipelineRepo.DEPLOY_SCRIPT,
                  "deploy.sh never ends when the new version stays unhealthy")
              .expected("a bounded wait for /health (say 20 tries, 2 s apart), then exit 1")
              .actual("still running after " + DEPLOY_LIMIT.toMinutes() + " minutes")
              .hint(
                  "Loop a fixed number of times: for i in $(seq 1 20); do curl -fsS …/health && exit 0; sleep 2; done; exit 1."));
      return;
    }
    if (result.succeeded()) {
      problems.add(
          Problem.in(
                  PipelineRepo.DEPLOY_SCRIPT,
                  "deploy.sh reports success for a version that never answers /health")
              .expected("a non-zero exit code, so the deploy job (and the pipeline) fails")
              .actual("exit code 0; its last lines:\n" + result.tail(8))
              .hint(
                  "Wait for http://localhost:8080/health with a bounded retry and exit 1 when it never answers: a green pipeline must mean a working app."));
      return;
    }
    var restored =
        server.appContainers().stream()
            .anyMatch(c -> c.state().equals("running") && c.version().equals("v2"));
    lab.console()
        .say(
            restored
                ? "  deploy.sh failed on the broken version and put v2 back"
                : "  deploy.sh failed on the broken version (it did not put v2 back: optional, but the site is down now)");
  }

  private static String image(String version) {
    return DeployServer.REGISTRY + "/" + DeployServer.APP_REPOSITORY + ":" + version;
  }

  private static String ended(DockerCli.Result result) {
    return result.timedOut()
        ? "still running after " + DEPLOY_LIMIT.toMinutes() + " minutes"
        : "exit code " + result.exitCode();
  }
}
