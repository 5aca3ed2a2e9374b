package dev.labkit.harness.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.labkit.harness.feedback.Problem;
import org.junit.jupiter.api.Test;

/** The tools' own output (promtool 2.53.3, amtool 0.28.1) on the lab's mistakes, as problems. */
class PromToolsTest {

  @Test
  void aMisspeltFieldIsNamedAtItsLine() {
    // mistakes/config-misspelt-field, promtool check config
    var output =
        """
        Checking /etc/prometheus/prometheus.yml
          FAILED: parsing YAML file /etc/prometheus/prometheus.yml: yaml: unmarshal errors:
          line 4: field scrape_intervall not found in type config.plain
        """;

    assertThat(PromTools.problems(output, "prometheus.yml", "promtool"))
        .extracting(Problem::file, Problem::line, Problem::message)
        .containsExactly(
            tuple(
                "prometheus.yml",
                4,
                "promtool: parsing YAML file prometheus.yml: yaml: unmarshal errors:"
                    + " line 4: field scrape_intervall not found in type config.plain"));
  }

  @Test
  void amtoolsUnknownFieldIsNamedAndItsFileCountLeftOut() {
    // mistakes/alertmanager-unknown-field, amtool check-config
    var output =
        """
        Checking '/etc/alertmanager/alertmanager.yml'  FAILED: yaml: unmarshal errors:
          line 5: field group_wiat not found in type config.plain

        amtool: error: failed to validate 1 file(s)
        """;

    assertThat(PromTools.problems(output, "alertmanager.yml", "amtool"))
        .extracting(Problem::file, Problem::line, Problem::message)
        .containsExactly(
            tuple(
                "alertmanager.yml",
                5,
                "amtool: yaml: unmarshal errors: line 5: field group_wiat not found in type config.plain"));
  }

  @Test
  void aRuleThatDoesNotParseIsNamedAtItsPositionWithoutABareFailed() {
    // mistakes/rules-invalid-expr, promtool check rules
    var output =
        """
        Checking /etc/prometheus/rules/shop.yml
          FAILED:
        /etc/prometheus/rules/shop.yml: 6:15: group "shop", rule 1, "job:http_requests:rate1m": could not parse expression: 1:44: parse error: unclosed left parenthesis
        """;

    assertThat(PromTools.problems(output, "rules/", "promtool"))
        .extracting(Problem::file, Problem::line, Problem::column)
        .containsExactly(tuple("rules/shop.yml", 6, 15));
  }

  @Test
  void aHeaderWithoutFaultsStaysAndSilenceShowsTheOutput() {
    assertThat(PromTools.problems("FAILED: yaml: unmarshal errors:", "prometheus.yml", "promtool"))
        .extracting(Problem::message)
        .containsExactly("promtool: yaml: unmarshal errors:");
    assertThat(PromTools.problems("something odd", "alertmanager.yml", "amtool"))
        .extracting(Problem::message, Problem::actual)
        .containsExactly(tuple("amtool found a problem", "something odd"));
  }
}
