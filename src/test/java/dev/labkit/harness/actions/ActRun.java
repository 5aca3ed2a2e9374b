package dev.labkit.harness.actions;

import dev.labkit.harness.docker.DockerCli;
import dev.labkit.harness.docker.EngineContainer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of nektos/act on a machine of the act-runner image: which event, which workflow, which
 * labels run on the machine itself, secrets, variables, and actions mapped to local folders. Always
 * {@code --json}, so {@link ActLog} can tell the jobs and steps apart.
 */
public final class ActRun {

  /** Where the act-runner image keeps the kit's stand-ins for actions, by owner/repo. */
  public static final String KIT_ACTIONS = "/opt/labkit/actions";

  private final List<String> arguments = new ArrayList<>();
  private final Map<String, String> environment =
      new LinkedHashMap<>(Map.of("ACT_DISABLE_VERSION_CHECK", "1"));

  private ActRun(String event) {
    arguments.addAll(List.of("act", event, "--json", "--actor", "labkit"));
  }

  public static ActRun of(String event) {
    return new ActRun(event);
  }

  /** Only this workflow file (a path in the repository). */
  public ActRun workflow(String file) {
    arguments.addAll(List.of("--workflows", file));
    return this;
  }

  /** The event's payload, a JSON file already on the machine. */
  public ActRun eventFile(String path) {
    arguments.addAll(List.of("--eventpath", path));
    return this;
  }

  /**
   * Jobs for these runner labels run on the machine itself (act's host mode), as on a runner VM,
   * instead of in a job container.
   */
  public ActRun onTheMachine(String... labels) {
    for (var label : labels) {
      arguments.addAll(List.of("--platform", label + "=-self-hosted"));
    }
    return this;
  }

  /** Jobs for this label would run in containers of {@code image} (only planned in a dry run). */
  public ActRun inContainers(String label, String image) {
    arguments.addAll(List.of("--platform", label + "=" + image));
    return this;
  }

  /**
   * A secret; its value reaches act through the environment, never a command line (neither act's
   * nor docker exec's).
   */
  public ActRun secret(String name, String value) {
    environment.put(name, value);
    arguments.addAll(List.of("--secret", name));
    return this;
  }

  /** A repository variable ({@code vars.NAME}). */
  public ActRun variable(String name, String value) {
    arguments.addAll(List.of("--var", name + "=" + value));
    return this;
  }

  /** {@code uses: owner/repo@ref} runs the action in {@code folder} instead of fetching it. */
  public ActRun localRepositories(Map<String, String> actionToFolder) {
    actionToFolder.forEach(
        (action, folder) -> arguments.addAll(List.of("--local-repository", action + "=" + folder)));
    return this;
  }

  /** No artifact cache server: nothing to reach, and the kit's cache stand-in needs none. */
  public ActRun withoutCacheServer() {
    arguments.add("--no-cache-server");
    return this;
  }

  /** Plans the run and evaluates each job's {@code if:}, without running steps (debug log on). */
  public ActRun dryRun() {
    arguments.addAll(List.of("--dryrun", "--verbose"));
    return this;
  }

  /** Runs act in {@code repository} on {@code machine}, killed after {@code limit}. */
  public Outcome runOn(EngineContainer machine, String repository, Duration limit) {
    var command = new ArrayList<>(arguments);
    command.addAll(List.of("--directory", repository));
    var result = machine.exec(limit, environment, command.toArray(String[]::new));
    return new Outcome(result, ActLog.parse(result.output()));
  }

  /** How act ended and what it logged. */
  public record Outcome(DockerCli.Result cli, ActLog log) {
    public boolean succeeded() {
      return cli.succeeded();
    }
  }
}
