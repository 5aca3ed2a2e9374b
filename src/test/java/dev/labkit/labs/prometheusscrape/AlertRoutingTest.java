package dev.labkit.labs.prometheusscrape;

import static dev.labkit.labs.prometheusscrape.RecordedPrometheus.received;
import static org.assertj.core.api.Assertions.assertThat;

import dev.labkit.harness.prometheus.HookDelivery;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertRoutingTest {

  @Test
  void theSolutionNotifiesTheWebhookOfShopDownOnly() {
    var names = AlertRouting.alertNames(received("received-solution.json"));

    assertThat(names).containsExactly("ShopDown");
    assertThat(AlertRouting.warningsReached(names)).isEmpty();
  }

  @Test
  void warningsAtTheWebhookAreNamedSorted() {
    var names =
        AlertRouting.alertNames(received("received-routing-sends-everything-to-webhook.json"));

    assertThat(names).containsExactly("HighErrorRate", "LabkitProbeWarning");
    assertThat(AlertRouting.warningsReached(names))
        .hasValueSatisfying(
            p -> {
              assertThat(p.file()).isEqualTo("alertmanager.yml");
              assertThat(p.message()).isEqualTo("warnings reach the on-call webhook too");
              assertThat(p.actual())
                  .isEqualTo("it also received [HighErrorRate, LabkitProbeWarning]");
            });
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
    assertThat(AlertRouting.alertNames(HookDelivery.listed("not json {"))).isEmpty();
    assertThat(
            AlertRouting.alertNames(
                HookDelivery.listed(
                    "[{\"path\": \"/alert\", \"body\": \"plain text\"},"
                        + " {\"alerts\": [{\"labels\": {\"alertname\": \"Bare\"}}]}]")))
        .containsExactly("Bare");
  }
}
