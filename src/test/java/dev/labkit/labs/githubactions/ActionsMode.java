package dev.labkit.labs.githubactions;

import dev.labkit.harness.http.HttpSpecs;
import dev.labkit.harness.run.LabContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Where the pipeline's actions come from: the real ones from GitHub, or the kit's offline stand-ins
 * ({@code -Dlabkit.actions=kit|github|auto}; auto, the default, uses GitHub when it answers within
 * three seconds).
 */
enum ActionsMode {
  KIT,
  GITHUB;

  static final String SETTING = "labkit.actions";

  static ActionsMode of(LabContext lab) {
    var mode = lab.once(SETTING, () -> choose(lab.settings().get(SETTING, "auto")));
    lab.recordBackend("actions", mode.describe());
    return mode;
  }

  private static ActionsMode choose(String setting) {
    return switch (setting) {
      case "kit" -> KIT;
      case "github" -> GITHUB;
      default -> githubAnswers() ? GITHUB : KIT;
    };
  }

  private static boolean githubAnswers() {
    try {
      var request =
          HttpRequest.newBuilder(URI.create("https://codeload.github.com/"))
              .method("HEAD", HttpRequest.BodyPublishers.noBody())
              .timeout(Duration.ofSeconds(3))
              .build();
      HttpSpecs.jdkClient(HttpClient.Version.HTTP_1_1)
          .send(request, HttpResponse.BodyHandlers.discarding());
      return true;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  String describe() {
    return this == KIT
        ? "the kit's offline stand-ins for the actions"
        : "the real actions from GitHub";
  }
}
