package dev.labkit.labs.githubactions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.labkit.harness.actions.Workflow;
import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.yaml.YamlNode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PipelineRulesTest {

  private static Workflow cicd(String text) throws Exception {
    return new Workflow(PipelineRepo.CICD, YamlNode.parse(text));
  }

  private static List<String> messages(List<Problem> problems) {
    return problems.stream().map(Problem::message).toList();
  }

  @Test
  void triggersInListFormLackTheBranchFilter() throws Exception {
    var problems = PipelineRules.triggers(cicd("on: [push, pull_request, workflow_dispatch]\n"));

    assertThat(messages(problems))
        .containsExactly(
            "push is not limited to the main branch",
            "pull_request is not limited to the main branch");
  }

  @Test
  void pullRequestTargetIsNamedWithItsDanger() throws Exception {
    var problems =
        PipelineRules.triggers(
            cicd(
                """
                on:
                  push: {branches: [main]}
                  pull_request: {branches: [main]}
                  pull_request_target: {branches: [main]}
                  workflow_dispatch:
                """));

    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message()).isEqualTo("the pipeline also runs on pull_request_target");
              assertThat(p.line()).isEqualTo(4);
              assertThat(p.hint()).contains("secrets");
            });
  }

  @Test
  void writeAllAnywhereIsTooMuch() throws Exception {
    var workflow =
        cicd(
            """
            permissions:
              contents: read
            jobs:
              image:
                runs-on: ubuntu-latest
                permissions: write-all
                steps: [{run: echo}]
            """);

    assertThat(messages(PipelineRules.permissions(workflow, List.of(workflow))))
        .containsExactly("image widens GITHUB_TOKEN's permissions");
  }

  @Test
  void tagsAndShasArePinnedBranchesAreNot() throws Exception {
    var workflow =
        cicd(
            """
            jobs:
              a:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                  - uses: actions/setup-java@c5195efecf7bdfc987ee8bae7a71cb8b11521c00
                  - uses: actions/cache/restore@v4.2.3
                  - uses: ./local-action
                  - uses: docker/login-action@master
                  - uses: docker://alpine
            """);

    assertThat(messages(PipelineRules.actionsPinned(List.of(workflow))))
        .containsExactly(
            "docker/login-action@master is not pinned to a release",
            "docker://alpine is not pinned");
  }

  @Test
  void aPastedTokenAndALiteralPasswordAreFound() throws Exception {
    var workflow =
        cicd(
            """
            jobs:
              image:
                runs-on: ubuntu-latest
                env:
                  API_TOKEN: ghp_abcdefghijklmnopqrstuvwxyz0123456789
                steps:
                  - uses: docker/login-action@v3
                    with:
                      username: ${{ secrets.REGISTRY_USERNAME }}
                      password: hunter2
                  - run: docker build -t r/notes-api:${{ github.sha }} . && docker push r/notes-api:${{ github.sha }}
            """);

    assertThat(messages(PipelineRules.registrySecrets(List.of(workflow), Optional.empty())))
        .contains(
            "password is written into the workflow",
            "the variable API_TOKEN holds a literal credential",
            "a token is written into the file",
            "the registry login does not use secrets.REGISTRY_TOKEN");
  }

  @Test
  void aScriptLoginMayTakeTheSecretsFromTheJobsEnv() throws Exception {
    var workflow =
        cicd(
            """
            jobs:
              publish:
                runs-on: ubuntu-latest
                env:
                  USER: ${{ secrets.REGISTRY_USERNAME }}
                  TOKEN: ${{ secrets.REGISTRY_TOKEN }}
                steps:
                  - run: printf '%s' "$TOKEN" | docker login r --username "$USER" --password-stdin
                  - run: docker build -t "r/notes-api:$GITHUB_SHA" app && docker push "r/notes-api:$GITHUB_SHA"
            """);

    assertThat(PipelineRules.registrySecrets(List.of(workflow), Optional.empty())).isEmpty();
  }

  @Test
  void aDeployThatCancelsAnotherIsRefused() throws Exception {
    var workflow =
        cicd(
            """
            jobs:
              deploy:
                runs-on: [self-hosted, linux]
                environment: {name: production}
                concurrency: {group: prod, cancel-in-progress: true}
                timeout-minutes: 5
                steps: [{run: ./deploy/deploy.sh x}]
            """);

    assertThat(messages(PipelineRules.deployJob(workflow, List.of(workflow))))
        .containsExactly("deploy cancels a deploy that is half done");
  }

  @Test
  void aDeployOnAGithubHostedRunnerIsFoundByItsScriptAndRefusedByDeployJobAlone() throws Exception {
    var workflow =
        cicd(
            """
            on: workflow_dispatch
            jobs:
              test: {uses: ./.github/workflows/build.yml}
              image:
                needs: test
                runs-on: ubuntu-latest
                timeout-minutes: 5
                steps: [{run: docker push "r/notes-api:$GITHUB_SHA"}]
              deploy:
                needs: image
                runs-on: ubuntu-latest
                environment: production
                concurrency: production
                timeout-minutes: 5
                steps: [{run: ./deploy/deploy.sh x}]
            """);
    var build = new Workflow(PipelineRepo.BUILD, YamlNode.parse("on: workflow_call\n"));

    var roles = JobRoles.of(workflow, Optional.of(build));
    assertThat(roles.problems()).as("job-order's problems").isEmpty();
    assertThat(roles.deploy()).map(Workflow.Job::id).contains("deploy");
    assertThat(PipelineRules.deployJob(workflow, List.of(workflow)))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message()).isEqualTo("deploy runs deploy.sh on a GitHub-hosted runner");
              assertThat(p.line()).isEqualTo(11);
              assertThat(p.actual()).isEqualTo("runs-on: ubuntu-latest");
            });
  }

  @Test
  void aWorkflowThatCancelsItsRunsCancelsTheDeployInThem() throws Exception {
    var workflow =
        cicd(
            """
            concurrency:
              group: ${{ github.workflow }}-${{ github.ref }}
              cancel-in-progress: true
            jobs:
              deploy:
                runs-on: [self-hosted, linux]
                environment: {name: production}
                concurrency: {group: production}
                timeout-minutes: 5
                steps: [{run: ./deploy/deploy.sh x}]
            """);

    assertThat(PipelineRules.deployJob(workflow, List.of(workflow)))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message()).isEqualTo("deploy cancels a deploy that is half done");
              assertThat(p.line()).isEqualTo(3);
              assertThat(p.actual()).contains("on the workflow");
            });
  }

  @Test
  void aPasswordOnTheCommandLineIsRefusedHoweverItIsQuoted() throws Exception {
    for (var login :
        List.of(
            "docker login r -u u -p \"$TOKEN\"",
            "docker login r -u u -p $TOKEN",
            "docker login r -u u --password=$TOKEN")) {
      var workflow = cicd(job(login));
      assertThat(messages(PipelineRules.registrySecrets(List.of(workflow), Optional.empty())))
          .as(login)
          .contains("docker login gets its password on the command line");
    }
    var stdin = cicd(job("echo \"$TOKEN\" | docker login r -u u --password-stdin"));
    assertThat(messages(PipelineRules.registrySecrets(List.of(stdin), Optional.empty())))
        .doesNotContain("docker login gets its password on the command line");
  }

  private static String job(String login) {
    return """
        jobs:
          image:
            runs-on: ubuntu-latest
            env: {TOKEN: "${{ secrets.REGISTRY_TOKEN }}"}
            steps:
              - run: %s
              - run: docker build -t "r/notes-api:$GITHUB_SHA" app && docker push "r/notes-api:$GITHUB_SHA"
        """
        .formatted(login);
  }

  @Test
  void aFixedCacheKeyDoesNotFollowThePom() throws Exception {
    var workflow =
        cicd(
            """
            jobs:
              test:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/cache@v4
                    with: {path: ~/.m2/repository, key: maven}
                  - run: mvn -B verify
            """);

    assertThat(messages(PipelineRules.mavenCache(List.of(workflow))))
        .containsExactly("the Maven cache key does not follow pom.xml");
  }
}
