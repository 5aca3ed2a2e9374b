package dev.labkit.labs.nginxreverseproxy;

import dev.labkit.harness.docker.DockerEngine;
import dev.labkit.harness.docker.KitContainers;
import dev.labkit.harness.echo.EchoBackend;
import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.http.KitCertificate;
import dev.labkit.harness.nginx.NginxConfigTrial;
import dev.labkit.harness.nginx.NginxContainer;
import dev.labkit.harness.run.KeepableStack;
import dev.labkit.harness.run.LabContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.testcontainers.containers.Network;
import org.testcontainers.lifecycle.Startables;

/**
 * The lab's world: a network of its own, two echo backends reachable as {@code app1:8080} and
 * {@code app2:8080}, and nginx with the learner's {@code nginx.conf}, the lab's site and the kit's
 * certificate. nginx starts only when {@code nginx -t} accepts the file; otherwise the stack holds
 * nginx's error lines. Closing removes every container and the network; a learner may keep it
 * running instead ({@code -Dlabkit.keep=true}) when nginx started.
 */
final class ReverseProxyStack implements KeepableStack {

  static final String CONF_FILE = "nginx.conf";

  /** Where the lab's README tells the learner to find the kit's certificate for localhost. */
  static final String CERTIFICATE = "/etc/nginx/certs/lab.crt";

  static final String KEY = "/etc/nginx/certs/lab.key";

  /** What nginx -t's messages cannot know: the names under which this lab's backends answer. */
  static final Map<String, String> NGINX_HINTS =
      Map.of(
          "host not found in upstream",
          "nginx resolves upstream names at start-up; the backends are reachable as app1:8080 and app2:8080.");

  final Network network;
  final EchoBackend app1;
  final EchoBackend app2;
  final List<Problem> configProblems;
  private final NginxContainer nginx;

  /** The learner's nginx.conf, for the command that loads an edited copy into the kept nginx. */
  private Path confFile;

  private ReverseProxyStack(
      Network network,
      EchoBackend app1,
      EchoBackend app2,
      NginxContainer nginx,
      List<Problem> configProblems) {
    this.network = network;
    this.app1 = app1;
    this.app2 = app2;
    this.nginx = nginx;
    this.configProblems = configProblems;
  }

  static ReverseProxyStack start(LabContext lab, String nginxConf) {
    DockerEngine.requireEngine("This lab runs nginx itself; it has no Docker-free mode.");
    var nginxImage = lab.images().image("nginx");
    var echoImage = lab.images().image("echo-backend");
    DockerEngine.requireImage(nginxImage);
    DockerEngine.requireImage(echoImage);
    var network = KitContainers.newNetwork();
    var keep = lab.settings().keep();
    var app1 = KitContainers.keepable(new EchoBackend(echoImage, network, "app1"), keep);
    // app2 can be silenced (the failover trial); NET_ADMIN reaches only its own network namespace.
    var app2 =
        KitContainers.keepable(
            new EchoBackend(echoImage, network, "app2").withSilenceSwitch(), keep);
    try {
      lab.console()
          .step(
              "starting backends app1 and app2",
              () -> Startables.deepStart(Stream.of(app1, app2)).join());
      var problems =
          lab.console()
              .step(
                  "nginx -t",
                  () ->
                      NginxConfigTrial.run(
                          configured(lab, network, nginxConf), CONF_FILE, NGINX_HINTS));
      if (!problems.isEmpty()) {
        return new ReverseProxyStack(network, app1, app2, null, problems);
      }
      var nginx = KitContainers.keepable(configured(lab, network, nginxConf), keep);
      try {
        lab.console()
            .step("starting nginx (" + nginxImage.asCanonicalNameString() + ")", nginx::start);
      } catch (RuntimeException | Error e) {
        nginx.stop();
        throw e;
      }
      var stack = new ReverseProxyStack(network, app1, app2, nginx, List.of());
      stack.confFile = lab.workspace().root().resolve(CONF_FILE);
      return stack;
    } catch (RuntimeException | Error e) {
      app1.stop();
      app2.stop();
      network.close();
      throw e;
    }
  }

  private static NginxContainer configured(LabContext lab, Network network, String nginxConf) {
    return new NginxContainer(lab.images().image("nginx"))
        .withNetwork(network)
        .withNginxConf(nginxConf)
        .withSite(lab.kitRoot().resolve("labs/nginx-reverse-proxy/html"))
        .withCertificate(
            CERTIFICATE, KitCertificate.certificatePem(), KEY, KitCertificate.keyPem());
  }

  /** nginx, when nginx -t accepted the configuration. */
  Optional<NginxContainer> nginx() {
    return Optional.ofNullable(nginx);
  }

  @Override
  public List<String> containerIds() {
    return nginx == null || !nginx.isRunning()
        ? List.of()
        : List.of(nginx.getContainerId(), app1.getContainerId(), app2.getContainerId());
  }

  @Override
  public List<String> howToTouch() {
    var name = KitContainers.name(nginx);
    return List.of(
        "# the API through nginx, and the static site (the certificate is the kit's, hence -k)",
        "curl -fki 'https://localhost:"
            + nginx.getMappedPort(NginxContainer.HTTPS_PORT)
            + "/api/orders?id=7'",
        "curl -fki https://localhost:" + nginx.getMappedPort(NginxContainer.HTTPS_PORT) + "/",
        "curl -fi http://localhost:" + nginx.getMappedPort(NginxContainer.HTTP_PORT) + "/healthz",
        "# the configuration as nginx reads it, and its log",
        "docker exec " + name + " nginx -T",
        "docker logs " + name,
        "# after an edit: load your file into the running nginx",
        "docker cp "
            + confFile
            + " "
            + name
            + ":"
            + NginxContainer.CONF_PATH
            + " && docker exec "
            + name
            + " nginx -s reload");
  }

  @Override
  public void close() {
    if (nginx != null) {
      nginx.stop();
    }
    app1.stop();
    app2.stop();
    network.close();
  }
}
