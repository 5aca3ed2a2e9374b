package dev.labkit.labs.prometheusscrape;

import static dev.labkit.labs.prometheusscrape.RecordedPrometheus.received;
import static org.assertj.core.api.Assertions.assertThat;

import dev.labkit.harness.prometheus.HookDelivery;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertRoutingTest {

  @Test
  void theSolutionNotifiesTheWebhookOfShopDownOnly() {
    var alerts = AlertRouting.alerts(received("received-solution.json"));

    assertThat(AlertRouting.names(alerts)).containsExactly("ShopDown");
    assertThat(AlertRouting.warningsReached(alerts)).isEmpty();
  }

  @Test
  void warningsAtTheWebhookAreNamedSorted() {
    var alerts = AlertRouting.alerts(received("received-routing-sends-everything-to-webhook.json"));

    assertThat(AlertRouting.names(alerts)).containsExactly("HighErrorRate", "LabkitProbeWarning");
    assertThat(AlertRouting.warningsReached(alerts))
        .hasValueSatisfying(
            p -> {
              assertThat(p.file()).isEqualTo("alertmanager.yml");
              assertThat(p.message()).isEqualTo("warnings reach the on-call webhook too");
              assertThat(p.actual())
                  .isEqualTo("it also received [HighErrorRate, LabkitProbeWarning]");
            });
  }

  @Test
  void anAlertLabelledCriticalIsRightlyAtTheWebhookWhateverItsName() {
    // mistakes/error-rate-severity-critical: the rule's label is wrong (high-error-rate says so),
    // the routing that follows it is right. A delivery of the recorded shape, the label changed.
    var alerts =
        AlertRouting.alerts(
            HookDelivery.listed(
                """
                [{"path": "/alert", "body": {"receiver": "on-call", "status": "firing", "alerts": [
                  {"status": "firing", "labels": {"alertname": "HighErrorRate", "severity": "critical"}},
                  {"status": "firing", "labels": {"alertname": "ShopDown", "severity": "critical"}}]}}]
                """));

    assertThat(AlertRouting.names(alerts)).containsExactly("HighErrorRate", "ShopDown");
    assertThat(AlertRouting.warningsReached(alerts)).isEmpty();
  }

  @Test
  void aSilentWebhookShowsWhatItReceived() {
    var problem = AlertRouting.neverNotified(List.of());

    assertThat(problem.message())
        .isEqualTo(
            "the webhook http://hooks:8080/alert never heard of ShopDown, which is firing in Prometheus");
    assertThat(problem.actual()).isEqualTo("received: []");
  }

  @Test
  void whatIsNoNotificationNamesNoAlert() {
    assertThat(AlertRouting.alerts(HookDelivery.listed("not json {"))).isEmpty();
    assertThat(
            AlertRouting.names(
                AlertRouting.alerts(
                    HookDelivery.listed(
                        "[{\"path\": \"/alert\", \"body\": \"plain text\"},"
                            + " {\"alerts\": [{\"labels\": {\"alertname\": \"Bare\"}}]}]"))))
        .containsExactly("Bare");
  }
}
