package dev.labkit.labs.githubactions;

import dev.labkit.harness.actions.Workflow;
import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.yaml.YamlNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of the pipeline that only its files can show: GitHub decides triggers, token
 * permissions, pinning, environments and concurrency, and a local run cannot watch GitHub do it.
 * Each method returns every problem it finds, in the learner's words, with file and line.
 */
final class PipelineRules {

  static final String MAIN = "main";
  static final Set<String> WANTED_EVENTS = Set.of("push", "pull_request", "workflow_dispatch");
  static final String USERNAME_SECRET = "secrets.REGISTRY_USERNAME";
  static final String TOKEN_SECRET = "secrets.REGISTRY_TOKEN";

  /** A release tag (v4, v4.2, 4.2.1) or a full commit SHA. */
  private static final Pattern PINNED_REF = Pattern.compile("v?\\d+(\\.\\d+){0,2}|[0-9a-f]{40}");

  /** Shapes of real credentials: GitHub, Docker Hub, GitLab and AWS tokens, Slack bot tokens. */
  private static final Pattern TOKEN_LITERAL =
      Pattern.compile(
          "ghp_[A-Za-z0-9]{20,}|gh[ousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}"
              + "|dckr_pat_[A-Za-z0-9_-]{10,}|glpat-[A-Za-z0-9_-]{16,}|AKIA[0-9A-Z]{16}"
              + "|xox[abpr]-[A-Za-z0-9-]{10,}");

  /** Names that hold a credential, in with: inputs and env: variables. */
  private static final Pattern CREDENTIAL_NAME =
      Pattern.compile("(?i).*(password|passwd|token|secret|api[_-]?key|username).*");

  private static final Pattern EXPRESSION_ONLY = Pattern.compile("\\s*\\$\\{\\{[^}]*}}\\s*");
  private static final Pattern DOCKER_PUSH =
      Pattern.compile("docker\\s+(image\\s+)?push\\b|docker\\s+buildx\\s+build\\b[^\\n]*--push");
  private static final Pattern DOCKER_LOGIN = Pattern.compile("docker\\s+login\\b");

  /**
   * -p or --password with a value, in any quoting: only --password-stdin keeps it off the command
   * line.
   */
  private static final Pattern PASSWORD_ARGUMENT =
      Pattern.compile("(?<![\\w-])(-p|--password)(?:[ =]|$)", Pattern.MULTILINE);

  private static final Pattern RUNS_MAVEN = Pattern.compile("(^|[\\s;&|(])(mvn|\\./mvnw)\\b");

  private PipelineRules() {}

  // ------------------------------------------------------------------ triggers

  static List<Problem> triggers(Workflow cicd) {
    var problems = new ArrayList<Problem>();
    var triggers = cicd.triggers();
    var line = cicd.triggersLine();
    for (var wanted : List.of("push", "pull_request", "workflow_dispatch")) {
      if (!triggers.containsKey(wanted)) {
        problems.add(
            Problem.in(cicd.file(), "the pipeline does not run on " + wanted)
                .at(line, null)
                .expected("on: push and pull_request to main, and workflow_dispatch")
                .actual("on: " + String.join(", ", triggers.keySet()))
                .hint(
                    switch (wanted) {
                      case "push" ->
                          "Test and ship every push to main: on: push: branches: [main].";
                      case "pull_request" ->
                          "Test every pull request before it is merged: on: pull_request: branches: [main].";
                      default ->
                          "workflow_dispatch: adds a \"Run workflow\" button, to run the pipeline by hand.";
                    }));
      }
    }
    for (var entry : triggers.entrySet()) {
      var event = entry.getKey();
      if (!WANTED_EVENTS.contains(event)) {
        problems.add(
            Problem.in(cicd.file(), "the pipeline also runs on " + event)
                .at(lineOf(entry.getValue(), line), null)
                .expected("only push, pull_request and workflow_dispatch")
                .actual("on: " + event)
                .hint(
                    event.equals("pull_request_target")
                        ? "pull_request_target runs with the base repository's secrets and a write token on code from a fork: a classic way to leak secrets. Use pull_request."
                        : "Every extra trigger is another way to start a deploy; remove "
                            + event
                            + "."));
      } else if (!event.equals("workflow_dispatch")) {
        problems.addAll(onlyMain(cicd, event, entry.getValue(), line));
      }
    }
    return problems;
  }

  private static List<Problem> onlyMain(
      Workflow cicd, String event, YamlNode filter, Integer line) {
    var problems = new ArrayList<Problem>();
    var branches = filter.get("branches").texts();
    if (!branches.equals(List.of(MAIN))) {
      problems.add(
          Problem.in(cicd.file(), event + " is not limited to the main branch")
              .at(lineOf(filter, line), null)
              .expected(event + ": branches: [main]")
              .actual(
                  branches.isEmpty()
                      ? event + " on every branch"
                      : "branches: " + String.join(", ", branches))
              .hint(
                  "Without a branches filter every push to any branch (and every pull request to any branch) runs the pipeline."));
    }
    for (var extra : List.of("branches-ignore", "tags", "tags-ignore")) {
      if (filter.has(extra)) {
        problems.add(
            Problem.in(cicd.file(), event + " also has a " + extra + " filter")
                .at(filter.keyLine(extra), null)
                .expected(event + ": branches: [main], nothing else")
                .hint("Keep the trigger to the main branch only."));
      }
    }
    return problems;
  }

  // --------------------------------------------------------------- permissions

  static List<Problem> permissions(Workflow cicd, List<Workflow> all) {
    var problems = new ArrayList<Problem>();
    var top = cicd.permissions();
    if (top.isMissing()) {
      problems.add(
          Problem.in(cicd.file(), "the workflow does not limit GITHUB_TOKEN")
              .at(1, null)
              .expected("permissions: contents: read, at the top level")
              .actual(
                  "no permissions: key, so the repository's default applies (often read and write)")
              .hint(
                  "Least privilege: a token that can only read cannot push code or change releases if a step is compromised."));
    } else if (!top.isMap() || !"read".equals(top.get("contents").text())) {
      problems.add(
          Problem.in(cicd.file(), "the top-level permissions are not contents: read")
              .at(top.line(), null)
              .expected("permissions: contents: read")
              .actual("permissions: " + describe(top))
              .hint("The pipeline only reads the code; give GITHUB_TOKEN exactly that."));
    }
    for (var workflow : all) {
      if (workflow != cicd && !workflow.permissions().isMissing()) {
        writes(workflow.permissions())
            .ifPresent(
                scope ->
                    problems.add(
                        Problem.in(workflow.file(), "the workflow lets GITHUB_TOKEN write")
                            .at(workflow.permissions().line(), null)
                            .expected("contents: read, or no permissions: key (the caller's apply)")
                            .actual(scope)
                            .hint("A workflow that only builds and tests needs no write access.")));
      } else if (workflow == cicd && !top.isMissing() && top.isMap()) {
        top.entries().stream()
            .filter(entry -> !entry.getKey().equals("contents"))
            .filter(entry -> entry.getValue().text().equals("write"))
            .forEach(
                entry ->
                    problems.add(
                        Problem.in(
                                cicd.file(),
                                "the top level lets GITHUB_TOKEN write " + entry.getKey())
                            .at(entry.getValue().line(), null)
                            .expected("permissions: contents: read")
                            .actual(entry.getKey() + ": write")
                            .hint(
                                "Give a write permission to the one job that needs it, never to all.")));
      }
      for (var job : workflow.jobs()) {
        if (job.permissions().isMissing()) {
          continue;
        }
        var scope = writes(job.permissions());
        if (scope.isPresent() && !(scope.get().equals("packages: write") && logsIn(job))) {
          problems.add(
              Problem.in(workflow.file(), job.id() + " widens GITHUB_TOKEN's permissions")
                  .at(job.permissions().line(), null)
                  .expected("no write permission: no job of this pipeline writes to the repository")
                  .actual(scope.get())
                  .hint(
                      "Pushing to a registry uses the registry's own credentials (secrets), not GITHUB_TOKEN. Only a push to GitHub's own registry (ghcr.io) needs packages: write."));
        }
      }
    }
    return problems;
  }

  /** The first write a permissions value grants, as written; empty when it grants none. */
  private static Optional<String> writes(YamlNode permissions) {
    if (permissions.isScalar()) {
      var text = permissions.text();
      return text.equals("write-all") || text.equals("read-all")
          ? Optional.of(text)
          : Optional.empty();
    }
    return permissions.entries().stream()
        .filter(entry -> entry.getValue().text().equals("write"))
        .map(entry -> entry.getKey() + ": write")
        .findFirst();
  }

  // --------------------------------------------------------------- maven cache

  static List<Problem> mavenCache(List<Workflow> all) {
    var problems = new ArrayList<Problem>();
    boolean anyMaven = false;
    for (var workflow : all) {
      for (var job : workflow.jobs()) {
        var steps = job.steps();
        for (int i = 0; i < steps.size(); i++) {
          if (!RUNS_MAVEN.matcher(steps.get(i).run()).find()) {
            continue;
          }
          anyMaven = true;
          var before = steps.subList(0, i);
          var cache = mavenCacheIn(before);
          if (cache.isEmpty()) {
            problems.add(
                Problem.in(workflow.file(), job.id() + " runs Maven without a dependency cache")
                    .at(steps.get(i).line(), null)
                    .expected(
                        "before Maven runs: actions/setup-java with cache: maven, or actions/cache of ~/.m2/repository keyed on hashFiles('**/pom.xml')")
                    .actual("every run downloads all dependencies again")
                    .hint(
                        "setup-java's cache: maven restores ~/.m2/repository, keyed on the hash of your pom.xml files."));
          } else {
            cache.get().ifPresent(problems::add);
          }
          break;
        }
      }
    }
    if (!anyMaven) {
      problems.add(
          Problem.of("no step runs Maven")
              .expected("a job (in build.yml) that runs mvn -B verify in app/")
              .hint("The tests run with Maven: run: mvn -B verify, working-directory: app."));
    }
    return problems;
  }

  /**
   * A step before Maven that caches ~/.m2: empty when there is none; present with a problem when
   * there is one whose key does not follow pom.xml.
   */
  private static Optional<Optional<Problem>> mavenCacheIn(List<Workflow.Step> steps) {
    for (var step : steps) {
      var action = step.action();
      if (action.equals("actions/setup-java") && step.with().get("cache").text().equals("maven")) {
        return Optional.of(Optional.empty());
      }
      if (action.equals("actions/cache") || action.equals("actions/cache/restore")) {
        var path = step.with().get("path").text();
        if (!path.contains(".m2")) {
          continue;
        }
        var key = step.with().get("key").text();
        if (key.contains("hashFiles(") && key.contains("pom.xml")) {
          return Optional.of(Optional.empty());
        }
        return Optional.of(
            Optional.of(
                Problem.in(
                        step.job().workflow().file(), "the Maven cache key does not follow pom.xml")
                    .at(step.with().get("key").line(), null)
                    .expected("key: ${{ runner.os }}-maven-${{ hashFiles('**/pom.xml') }}")
                    .actual("key: " + key)
                    .hint(
                        "A fixed key never sees a new dependency; a key on the pom's hash changes exactly when the dependencies do.")));
      }
    }
    return Optional.empty();
  }

  // ------------------------------------------------------------ actions pinned

  static List<Problem> actionsPinned(List<Workflow> all) {
    var problems = new ArrayList<Problem>();
    for (var workflow : all) {
      for (var job : workflow.jobs()) {
        if (!job.calls().isEmpty() && !job.calls().startsWith("./")) {
          pinning(workflow.file(), job.calls(), job.node().get("uses").line())
              .ifPresent(problems::add);
        }
        for (var step : job.steps()) {
          var uses = step.uses();
          if (!uses.isEmpty() && !uses.startsWith("./")) {
            pinning(workflow.file(), uses, step.node().get("uses").line()).ifPresent(problems::add);
          }
        }
      }
    }
    return problems;
  }

  private static Optional<Problem> pinning(String file, String uses, Integer line) {
    if (uses.startsWith("docker://")) {
      var image = uses.substring("docker://".length());
      boolean pinned =
          image.contains("@sha256:")
              || (image.lastIndexOf(':') > image.lastIndexOf('/') && !image.endsWith(":latest"));
      return pinned
          ? Optional.empty()
          : Optional.of(
              Problem.in(file, uses + " is not pinned")
                  .at(line, null)
                  .expected("docker://image:version or docker://image@sha256:…")
                  .hint("latest moves; pin the version you tested."));
    }
    int at = uses.lastIndexOf('@');
    var ref = at < 0 ? "" : uses.substring(at + 1);
    if (PINNED_REF.matcher(ref).matches()) {
      return Optional.empty();
    }
    return Optional.of(
        Problem.in(file, uses + " is not pinned to a release")
            .at(line, null)
            .expected(
                Workflow.actionRepository(uses)
                    + "@v4 (a release tag) or @<the full 40-character commit SHA>")
            .actual(ref.isEmpty() ? "no @ref at all" : "@" + ref + ", a branch or a moving name")
            .hint(
                "A branch changes under you: the next run executes code nobody reviewed, with your secrets. A commit SHA cannot change at all."));
  }

  // ---------------------------------------------------------- registry secrets

  static List<Problem> registrySecrets(List<Workflow> all, Optional<String> deployScript) {
    var problems = new ArrayList<Problem>();
    var logins = new ArrayList<Workflow.Step>();
    var imageJobs = new ArrayList<Workflow.Job>();
    for (var workflow : all) {
      for (var job : workflow.jobs()) {
        if (pushesImage(job)) {
          imageJobs.add(job);
        }
        for (var step : job.steps()) {
          if (isLogin(step)) {
            logins.add(step);
          }
          credentialLiterals(step).forEach(problems::add);
        }
        job.node()
            .get("env")
            .entries()
            .forEach(entry -> literalVariable(workflow.file(), entry).ifPresent(problems::add));
      }
      workflow
          .root()
          .get("env")
          .entries()
          .forEach(entry -> literalVariable(workflow.file(), entry).ifPresent(problems::add));
      for (var scalar : workflow.root().scalars()) {
        if (TOKEN_LITERAL.matcher(scalar.text()).find()) {
          problems.add(tokenLiteral(workflow.file(), scalar.line()));
        }
      }
    }
    deployScript.ifPresent(
        text -> {
          var lines = text.split("\n", -1);
          for (int i = 0; i < lines.length; i++) {
            if (TOKEN_LITERAL.matcher(lines[i]).find()) {
              problems.add(tokenLiteral(PipelineRepo.DEPLOY_SCRIPT, i + 1));
            }
          }
        });
    if (imageJobs.isEmpty()) {
      problems.add(
          Problem.of("no job pushes the image")
              .expected(
                  "a job that logs in to ${{ vars.REGISTRY }} and pushes ${{ vars.REGISTRY }}/notes-api:${{ github.sha }}")
              .hint(
                  "docker/login-action then docker/build-push-action with push: true, or docker login, build and push in run: steps."));
    }
    for (var job : imageJobs) {
      var loginsHere = logins.stream().filter(step -> step.job() == job).toList();
      if (loginsHere.isEmpty()) {
        problems.add(
            Problem.in(
                    job.workflow().file(), job.id() + " pushes without logging in to the registry")
                .at(job.line(), null)
                .expected("a docker/login-action step (or docker login) before the push")
                .hint("The registry refuses a push from someone it does not know."));
      }
      for (var login : loginsHere) {
        var text = textReaching(login);
        for (var secret : List.of(USERNAME_SECRET, TOKEN_SECRET)) {
          if (!text.contains(secret)) {
            problems.add(
                Problem.in(job.workflow().file(), "the registry login does not use " + secret)
                    .at(login.line(), null)
                    .expected(
                        "username: ${{ secrets.REGISTRY_USERNAME }}, password: ${{ secrets.REGISTRY_TOKEN }}")
                    .actual(describeLogin(login))
                    .hint(
                        "Store the credentials as repository secrets (Settings → Secrets and variables → Actions); GitHub masks them in logs."));
          }
        }
      }
      var jobText = textOf(job.node());
      if (!jobText.contains("github.sha") && !jobText.contains("GITHUB_SHA")) {
        problems.add(
            Problem.in(
                    job.workflow().file(), job.id() + " does not tag the image with the commit SHA")
                .at(job.line(), null)
                .expected("a tag ${{ vars.REGISTRY }}/notes-api:${{ github.sha }}")
                .actual("no tag names github.sha")
                .hint(
                    "latest says nothing about what runs; a tag per commit says exactly which code is deployed, and lets you roll back to it."));
      }
    }
    return problems;
  }

  private static List<Problem> credentialLiterals(Workflow.Step step) {
    var problems = new ArrayList<Problem>();
    // setup-java's server-username/server-password name environment variables, not values.
    var inputs =
        step.action().equals("actions/setup-java")
            ? List.<Map.Entry<String, YamlNode>>of()
            : step.with().entries();
    for (var entry : inputs) {
      if (CREDENTIAL_NAME.matcher(entry.getKey()).matches()
          && !entry.getValue().text().isBlank()
          && !EXPRESSION_ONLY.matcher(entry.getValue().text()).matches()) {
        problems.add(
            Problem.in(
                    step.job().workflow().file(), entry.getKey() + " is written into the workflow")
                .at(entry.getValue().line(), null)
                .expected(entry.getKey() + ": ${{ secrets.… }}")
                .actual(entry.getKey() + ": a literal value")
                .hint(
                    "Anyone who can read the repository reads this value. Put it in a secret and refer to it."));
      }
    }
    step.env()
        .entries()
        .forEach(
            entry -> literalVariable(step.job().workflow().file(), entry).ifPresent(problems::add));
    if (DOCKER_LOGIN.matcher(step.run()).find() && PASSWORD_ARGUMENT.matcher(step.run()).find()) {
      problems.add(
          Problem.in(
                  step.job().workflow().file(),
                  "docker login gets its password on the command line")
              .at(step.line(), null)
              .expected("echo \"$REGISTRY_TOKEN\" | docker login … --password-stdin")
              .hint("A password in a command line shows in the process list and in logs."));
    }
    return problems;
  }

  private static Optional<Problem> literalVariable(String file, Map.Entry<String, YamlNode> entry) {
    var value = entry.getValue().text();
    if (!CREDENTIAL_NAME.matcher(entry.getKey()).matches()
        || value.isBlank()
        || EXPRESSION_ONLY.matcher(value).matches()) {
      return Optional.empty();
    }
    return Optional.of(
        Problem.in(file, "the variable " + entry.getKey() + " holds a literal credential")
            .at(entry.getValue().line(), null)
            .expected(entry.getKey() + ": ${{ secrets." + entry.getKey() + " }}")
            .actual(entry.getKey() + ": a value written in the file")
            .hint("Anyone who can read the repository reads this value. Put it in a secret."));
  }

  private static Problem tokenLiteral(String file, Integer line) {
    return Problem.in(file, "a token is written into the file")
        .at(line, null)
        .expected("no credential in any file: ${{ secrets.REGISTRY_TOKEN }}")
        .actual("a value shaped like a real access token")
        .hint(
            "Revoke that token now: it is in the repository's history for good. Then store its replacement as a secret.");
  }

  // ------------------------------------------------------------- deploy job

  static List<Problem> deployJob(Workflow cicd, List<Workflow> all) {
    var problems = new ArrayList<Problem>();
    var deploys = deployJobs(cicd);
    if (deploys.isEmpty()) {
      problems.add(
          Problem.in(cicd.file(), "no job runs on the self-hosted runner")
              .expected("a deploy job with runs-on: self-hosted")
              .hint(
                  "The server runs a self-hosted runner; a job on it can run deploy/deploy.sh there."));
    }
    for (var job : deploys) {
      if (!runsOnServer(job)) {
        problems.add(
            Problem.in(cicd.file(), job.id() + " runs deploy.sh on a GitHub-hosted runner")
                .at(lineOf(job.node().get("runs-on"), job.line()), null)
                .expected("runs-on: self-hosted")
                .actual("runs-on: " + String.join(", ", job.runsOn()))
                .hint(
                    "A GitHub-hosted runner is a fresh machine that is gone after the job: the container deploy.sh starts there never reaches your server. The server's own runner takes jobs labelled self-hosted."));
      }
      if (!job.environment().equals("production")) {
        problems.add(
            Problem.in(cicd.file(), job.id() + " does not deploy to the production environment")
                .at(job.line(), null)
                .expected("environment: production")
                .actual(
                    job.environment().isEmpty()
                        ? "no environment"
                        : "environment: " + job.environment())
                .hint(
                    "An environment can hold its own secrets, require a reviewer's approval and show each deployment on GitHub."));
      }
      var concurrency = job.concurrency().isMissing() ? cicd.concurrency() : job.concurrency();
      var group = concurrency.isMap() ? concurrency.get("group").text() : concurrency.text();
      if (group.isBlank()) {
        problems.add(
            Problem.in(cicd.file(), job.id() + " can run twice at the same time")
                .at(job.line(), null)
                .expected("concurrency: group: production (on the job or the workflow)")
                .actual("no concurrency group")
                .hint(
                    "Two pushes in a row start two deploys; without a group they replace the container at the same time."));
      }
      // Both levels apply: a workflow-level group that cancels in progress cancels the whole run,
      // the deploy job in it included, whatever the job's own concurrency says.
      for (var onWorkflow : List.of(false, true)) {
        var cancel =
            (onWorkflow ? cicd.concurrency() : job.concurrency()).get("cancel-in-progress");
        if (!group.isBlank() && cancel.text().equals("true")) {
          problems.add(
              Problem.in(cicd.file(), job.id() + " cancels a deploy that is half done")
                  .at(cancel.line(), null)
                  .expected(
                      "cancel-in-progress: false (or left out) on the deploy job and on the workflow: a newer deploy waits")
                  .actual(
                      onWorkflow
                          ? "cancel-in-progress: true on the workflow, which cancels the whole run, "
                              + job.id()
                              + " included"
                          : "cancel-in-progress: true")
                  .hint(
                      "Cancelling a deploy between stopping the old container and starting the new one leaves the server without the app."));
        }
      }
    }
    for (var workflow : all) {
      for (var job : workflow.jobs()) {
        if (job.calls().isEmpty() && job.timeoutMinutes().isMissing()) {
          problems.add(
              Problem.in(workflow.file(), job.id() + " has no timeout")
                  .at(job.line(), null)
                  .expected("timeout-minutes: on every job (a few times its usual duration)")
                  .actual("GitHub's default: 360 minutes")
                  .hint(
                      "A hung job holds a runner (and on a self-hosted runner, the server) for six hours."));
        }
      }
    }
    return problems;
  }

  // --------------------------------------------------------------- job roles

  /**
   * The jobs that deploy, found by what they do: they run deploy.sh. Where none does, the jobs on
   * the self-hosted runner, so a deploy job whose script is missing or renamed is still judged.
   */
  static List<Workflow.Job> deployJobs(Workflow cicd) {
    var running =
        cicd.jobs().stream()
            .filter(job -> job.steps().stream().anyMatch(step -> step.run().contains("deploy.sh")))
            .toList();
    return running.isEmpty()
        ? cicd.jobs().stream().filter(PipelineRules::runsOnServer).toList()
        : running;
  }

  /** A job the server runs: runs-on names the self-hosted label. */
  static boolean runsOnServer(Workflow.Job job) {
    return job.runsOn().contains("self-hosted");
  }

  /** A job that pushes an image: the build-push action with push, or a docker push in a script. */
  static boolean pushesImage(Workflow.Job job) {
    return job.steps().stream()
        .anyMatch(
            step ->
                (step.action().equals("docker/build-push-action")
                        && step.with().get("push").text().equals("true"))
                    || DOCKER_PUSH.matcher(step.run()).find());
  }

  static boolean logsIn(Workflow.Job job) {
    return job.steps().stream().anyMatch(PipelineRules::isLogin);
  }

  private static boolean isLogin(Workflow.Step step) {
    return step.action().equals("docker/login-action") || DOCKER_LOGIN.matcher(step.run()).find();
  }

  /** Every scalar of a part of a workflow, one per line: for "does it mention …" rules. */
  private static String textOf(YamlNode node) {
    var text = new StringBuilder();
    node.scalars().forEach(scalar -> text.append(scalar.text()).append('\n'));
    return text.toString();
  }

  /** What a step sees: its own text and the env: it inherits from its job and workflow. */
  private static String textReaching(Workflow.Step step) {
    var text = new StringBuilder(textOf(step.node()));
    for (var env : List.of(step.job().node().get("env"), step.job().workflow().root().get("env"))) {
      text.append(textOf(env));
    }
    return text.toString();
  }

  private static String describeLogin(Workflow.Step step) {
    var with = step.with();
    if (with.isMap()) {
      return "username: "
          + with.get("username").text()
          + ", password: "
          + (with.get("password").text().contains("secrets.")
              ? with.get("password").text()
              : "(not a secret)");
    }
    return "docker login in a run: script without both secrets";
  }

  private static String describe(YamlNode node) {
    if (node.isScalar()) {
      return node.text();
    }
    var parts = new ArrayList<String>();
    node.entries().forEach(entry -> parts.add(entry.getKey() + ": " + entry.getValue().text()));
    return parts.isEmpty() ? "{}" : String.join(", ", parts);
  }

  private static Integer lineOf(YamlNode node, Integer fallback) {
    return node.isMissing() ? fallback : node.line();
  }
}
