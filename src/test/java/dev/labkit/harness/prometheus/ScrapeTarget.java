package dev.labkit.harness.prometheus;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * An active target from {@code /api/v1/targets}: its labels (job, instance), the URL Prometheus
 * scrapes, its health ("up", "down", "unknown") and the last scrape's error ("" when none).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ScrapeTarget(Labels labels, String scrapeUrl, String health, String lastError) {

  public ScrapeTarget {
    labels = labels == null ? Labels.NONE : labels;
  }

  public String job() {
    return labels.get("job");
  }
}
