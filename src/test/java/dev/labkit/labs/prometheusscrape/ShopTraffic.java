package dev.labkit.labs.prometheusscrape;

import dev.labkit.harness.prometheus.DemoService;
import dev.labkit.harness.run.DaemonThreads;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Steady customer traffic to the shop while the checks run: a few successful orders per second,
 * and, while {@link #failPercent(int)} says so, that share of failing requests. Real traffic is
 * what rates and error ratios are computed from; the loop is bounded by the run and stops on close.
 */
final class ShopTraffic implements AutoCloseable {

  private static final Duration PERIOD = Duration.ofMillis(100);

  private final DemoService shop;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final AtomicInteger failPercent = new AtomicInteger();
  private final AtomicInteger sent = new AtomicInteger();
  private ScheduledExecutorService scheduler;

  ShopTraffic(DemoService shop) {
    this.shop = shop;
  }

  void start() {
    scheduler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("shop-traffic"));
    scheduler.scheduleAtFixedRate(this::sendOne, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** From now on, this percentage of requests goes to /fail (answered 500). */
  void failPercent(int percent) {
    failPercent.set(percent);
  }

  private void sendOne() {
    if (!shop.isRunning()) {
      return;
    }
    int number = sent.incrementAndGet();
    // 37 is coprime to 100: failures are spread over each hundred requests, not bunched.
    var path = (number * 37) % 100 < failPercent.get() ? "/fail" : "/order";
    var request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + shop.mappedPort() + path))
            .timeout(Duration.ofSeconds(2))
            .build();
    try {
      client.send(request, HttpResponse.BodyHandlers.discarding());
    } catch (Exception stoppedOrSlow) {
      // the shop may be stopping (shop-down); the next tick tries again
    }
  }

  @Override
  public void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }
}
