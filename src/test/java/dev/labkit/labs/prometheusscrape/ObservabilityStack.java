package dev.labkit.labs.prometheusscrape;

import dev.labkit.harness.docker.DockerEngine;
import dev.labkit.harness.docker.KitContainers;
import dev.labkit.harness.prometheus.AlertmanagerApi;
import dev.labkit.harness.prometheus.AlertmanagerContainer;
import dev.labkit.harness.prometheus.DemoService;
import dev.labkit.harness.prometheus.Labels;
import dev.labkit.harness.prometheus.PrometheusContainer;
import dev.labkit.harness.run.KeepableStack;
import dev.labkit.harness.run.LabContext;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.testcontainers.containers.Network;
import org.testcontainers.lifecycle.Startables;

/**
 * The lab's world on a network of its own: the demo services {@code shop:8080}, {@code
 * billing:9100} and {@code hooks:8080}, Alertmanager as {@code alertmanager:9093} with the
 * learner's alertmanager.yml, and Prometheus with the learner's prometheus.yml and rules. Checks
 * share it (one Prometheus answers them all), in the order of the manifest: the last two stop the
 * shop. Closing removes every container and the network; a learner may keep it running instead
 * ({@code -Dlabkit.keep=true}).
 */
final class ObservabilityStack implements KeepableStack {

  static final String PROBE_WARNING = "LabkitProbeWarning";

  final Network network;
  final DemoService shop;
  final DemoService billing;
  final DemoService hooks;
  final AlertmanagerContainer alertmanager;
  final PrometheusContainer prometheus;
  final ShopTraffic traffic;

  /** Set by the shop-down check once ShopDown fires; the routing check follows that alert. */
  volatile boolean shopDownFired;

  private ObservabilityStack(
      Network network,
      DemoService shop,
      DemoService billing,
      DemoService hooks,
      AlertmanagerContainer alertmanager,
      PrometheusContainer prometheus) {
    this.network = network;
    this.shop = shop;
    this.billing = billing;
    this.hooks = hooks;
    this.alertmanager = alertmanager;
    this.prometheus = prometheus;
    this.traffic = new ShopTraffic(shop);
  }

  static ObservabilityStack start(LabContext lab, LearnerFiles files) {
    DockerEngine.requireEngine("This lab runs Prometheus itself; it has no Docker-free mode.");
    var images = lab.images();
    Stream.of("prometheus", "alertmanager", "metrics-demo")
        .map(images::image)
        .forEach(DockerEngine::requireImage);
    var network = KitContainers.newNetwork();
    var demo = images.image("metrics-demo");
    var keep = lab.settings().keep();
    var shop = KitContainers.keepable(new DemoService(demo, network, "shop", 8080), keep);
    var billing = KitContainers.keepable(new DemoService(demo, network, "billing", 9100), keep);
    var hooks = KitContainers.keepable(new DemoService(demo, network, "hooks", 8080), keep);
    var alertmanager =
        KitContainers.keepable(
            new AlertmanagerContainer(images.image("alertmanager"))
                .withNetwork(network)
                .withNetworkAliases("alertmanager")
                .withConfig(files.alertmanager()),
            keep);
    var prometheus =
        KitContainers.keepable(
            new PrometheusContainer(images.image("prometheus"))
                .withNetwork(network)
                .withNetworkAliases("prometheus")
                .withConfig(files.prometheus()),
            keep);
    files.rules().forEach(prometheus::withRuleFile);
    var stack = new ObservabilityStack(network, shop, billing, hooks, alertmanager, prometheus);
    try {
      lab.console()
          .step(
              "starting shop, billing, hooks and Alertmanager",
              () -> Startables.deepStart(Stream.of(shop, billing, hooks, alertmanager)).join());
      lab.console().step("starting Prometheus", prometheus::start);
      stack.traffic.start();
      stack.postProbeWarning();
      return stack;
    } catch (RuntimeException | Error e) {
      stack.close();
      throw e;
    }
  }

  /**
   * A warning of the kit's own, posted straight to Alertmanager at the start, so that by the time
   * ShopDown is routed, a route that also sends warnings to the webhook has long done so, whatever
   * the other checks did and whatever group_wait the learner chose.
   */
  private void postProbeWarning() {
    alertmanager
        .api()
        .post(
            List.of(
                new AlertmanagerApi.Alert(
                    Labels.of(Map.of("alertname", PROBE_WARNING, "severity", "warning")),
                    Labels.of(Map.of("summary", "a warning sent by the checks")))));
  }

  @Override
  public List<String> containerIds() {
    return KitContainers.runningIds(prometheus, alertmanager, hooks, billing, shop);
  }

  @Override
  public List<String> howToTouch() {
    var api = "http://localhost:" + prometheus.getMappedPort(PrometheusContainer.PORT);
    var prom = KitContainers.name(prometheus);
    var am = KitContainers.name(alertmanager);
    var lines =
        new java.util.ArrayList<>(
            List.of(
                "# what Prometheus scrapes, and how each target is doing",
                "curl -fsS '" + api + "/api/v1/targets?state=active'",
                "# queries, as the checks ask them",
                "docker exec " + prom + " promtool query instant http://localhost:9090 'up'",
                "docker exec "
                    + prom
                    + " promtool query instant http://localhost:9090 'job:http_requests:rate1m'",
                "# the alerts Prometheus holds, and the ones Alertmanager received",
                "curl -fsS " + api + "/api/v1/alerts",
                "docker exec " + am + " amtool alert --alertmanager.url=http://localhost:9093",
                "docker logs " + prom));
    if (!shop.isRunning()) {
      lines.add(0, "# the checks stopped the shop last, so ShopDown fires in the stack you kept");
    }
    return lines;
  }

  /** The checks' traffic stops; the kept stack is the learner's. */
  @Override
  public void keepRunning() {
    traffic.close();
  }

  @Override
  public void close() {
    traffic.close();
    Stream.of(prometheus, alertmanager, hooks, billing, shop)
        .forEach(container -> container.stop());
    network.close();
  }
}
