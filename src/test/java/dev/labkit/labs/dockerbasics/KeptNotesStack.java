package dev.labkit.labs.dockerbasics;

import dev.labkit.harness.compose.ComposeProject;
import dev.labkit.harness.run.KeepableStack;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared notes stack (compose-up's, data-survives') as the learner may keep it after the run:
 * api on its published port, db behind it, the Compose project to ask with {@code -p}. Also kept
 * when api never came up: its log is then what the learner needs.
 */
record KeptNotesStack(ComposeProject project) implements KeepableStack {

  @Override
  public List<String> containerIds() {
    return project.containerIds();
  }

  @Override
  public List<String> howToTouch() {
    var compose = "docker compose -p " + project.name();
    var lines = new ArrayList<String>();
    project
        .hostPort("api", 8080)
        .ifPresent(
            port -> {
              var api = "localhost:" + port + "/notes";
              lines.add("# the API, on the port the kit published for it");
              lines.add("curl -fsS -X POST --data 'buy milk' " + api + " && curl -fsS " + api);
            });
    lines.add("# the services, their health and their logs (the project is the kit's name for it)");
    lines.add(compose + " ps");
    lines.add(compose + " logs api");
    lines.add(compose + " exec db pg_isready");
    return lines;
  }

  @Override
  public void keepRunning() {
    project.keepRunning();
  }

  /** The project closes itself when the run ends. */
  @Override
  public void close() {}
}
