package dev.labkit.labs.prometheusscrape;

import static dev.labkit.labs.prometheusscrape.AlertRules.FIRING_LIMIT;
import static org.awaitility.Awaitility.await;

import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.http.HttpSpecs;
import dev.labkit.harness.prometheus.DemoService;
import dev.labkit.harness.prometheus.HookDelivery;
import dev.labkit.harness.prometheus.Notification;
import dev.labkit.harness.run.Console;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.awaitility.core.ConditionTimeoutException;

/**
 * alert-routing: the on-call webhook (the hooks service) is notified of ShopDown, and of no
 * warning: no alert labelled severity="warning" (the learner's HighErrorRate, the warning the kit
 * posted to Alertmanager at the start). Judged by the labels an alert arrived with, not its name: a
 * HighErrorRate wrongly labelled critical is rightly routed to the webhook, and high-error-rate
 * says what is wrong with it.
 */
final class AlertRouting {

  static final String ALERTMANAGER = LearnerFiles.ALERTMANAGER;

  static final String WARNING = "warning";

  private AlertRouting() {}

  static List<Problem> judge(Console console, DemoService hooks) {
    var problems = new ArrayList<Problem>();
    try {
      console.step(
          "waiting for the webhook to receive ShopDown (at most "
              + FIRING_LIMIT.toSeconds()
              + " s)",
          () ->
              await("webhook notified of ShopDown")
                  .atMost(FIRING_LIMIT)
                  .pollInterval(Duration.ofSeconds(1))
                  .until(() -> names(received(hooks)).contains(ShopDownTrial.ALERT)));
    } catch (ConditionTimeoutException e) {
      problems.add(neverNotified(names(received(hooks))));
    }
    warningsReached(received(hooks)).ifPresent(problems::add);
    return problems;
  }

  /** Every alert in every notification the webhook received, oldest first. */
  static List<Notification.Alert> received(DemoService hooks) {
    return alerts(
        HookDelivery.listed(HttpSpecs.http(hooks.mappedPort()).get("/received").asString()));
  }

  static List<Notification.Alert> alerts(List<HookDelivery> deliveries) {
    return deliveries.stream().flatMap(delivery -> delivery.alerts().stream()).toList();
  }

  static List<String> names(List<Notification.Alert> alerts) {
    return alerts.stream().map(Notification.Alert::name).toList();
  }

  static Problem neverNotified(List<String> received) {
    return Problem.in(
            ALERTMANAGER,
            "the webhook http://hooks:8080/alert never heard of ShopDown, which is firing in Prometheus")
        .expected("a notification naming ShopDown")
        .actual("received: " + received)
        .hint(
            "Two hops: Prometheus sends firing alerts to the Alertmanagers named in its alerting: section;"
                + " Alertmanager's route tree picks a receiver by the alert's labels (matchers), and a receiver's webhook_configs post to a URL.")
        .example(
            "Prometheus needs alerting: alertmanagers: [static_configs: [targets: [alertmanager:9093]]] in prometheus.yml, "
                + "and alertmanager.yml a route with matchers: ['severity=\"critical\"'] to a receiver with webhook_configs: [url: http://hooks:8080/alert].");
  }

  /** The alerts labelled severity="warning" among what the webhook received, sorted by name. */
  static Optional<Problem> warningsReached(List<Notification.Alert> received) {
    var warnings = new TreeSet<String>();
    received.stream()
        .filter(alert -> WARNING.equals(alert.labels().get("severity")))
        .forEach(alert -> warnings.add(alert.name()));
    if (warnings.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        Problem.in(ALERTMANAGER, "warnings reach the on-call webhook too")
            .expected("only critical alerts at http://hooks:8080/alert")
            .actual("it also received " + warnings)
            .hint(
                "Route only severity=\"critical\" to the webhook receiver; let the top-level route's receiver (the default) take the rest."));
  }
}
