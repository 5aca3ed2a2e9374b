package dev.labkit.labs.nginxreverseproxy;

import dev.labkit.harness.feedback.Feedback;
import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.lab.Check;
import dev.labkit.harness.lab.Lab;
import dev.labkit.harness.nginx.NginxContainer;
import dev.labkit.harness.run.LabContext;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * Checks of the nginx-reverse-proxy lab: the learner's complete nginx.conf in front of the lab's
 * static site and two echo backends ({@link ReverseProxyStack}). Checks share one stack, except
 * {@code failover}, which stops a backend and so gets a stack of its own ({@link FailoverTrial}).
 * Every check but config-valid needs it to pass (lab.yaml); those behind port 443 also skip while
 * nothing answers HTTPS there.
 */
@Lab("nginx-reverse-proxy")
class NginxReverseProxyChecks {

  static final String CONF = ReverseProxyStack.CONF_FILE;

  private LabContext lab;

  @BeforeAll
  void open(LabContext lab) {
    this.lab = lab;
  }

  @Check("config-valid")
  void nginxAcceptsTheConfiguration() {
    var feedback = new Feedback();
    lab.workspace().readText(CONF, feedback);
    feedback.assertNone();
    stack().configProblems.forEach(feedback::add);
    feedback.assertNone();
  }

  @Check("http-redirect")
  void portEightyRedirectsButHealthz() {
    assertNone(HttpsRedirect.judge(nginx()));
  }

  @Check("tls")
  void tlsIsModernWithHttp2AndHsts() {
    assertNone(TlsProbe.judge(nginx()));
  }

  @Check("static-site")
  void staticSiteAndItsNotFoundPage() {
    assertNone(StaticSite.homeAndNotFoundPage(httpsPort()));
  }

  @Check("asset-caching")
  void assetsAreCacheable() {
    assertNone(StaticSite.assetCaching(httpsPort()));
  }

  @Check("gzip")
  void textIsCompressed() {
    assertNone(StaticSite.gzip(httpsNginx()));
  }

  @Check("api-prefix")
  void apiPrefixIsStripped() {
    assertNone(ApiProxying.prefixStripped(httpsPort()));
  }

  @Check("forwarded-headers")
  void backendsLearnWhoAsked() {
    assertNone(ApiProxying.forwardedHeaders(httpsPort()));
  }

  @Check("load-balancing")
  void requestsReachBothBackends() {
    assertNone(ApiProxying.loadBalancing(httpsPort()));
  }

  @Check("failover")
  void apiSurvivesABackendGoingDown() {
    // Skipped unless the shared stack serves HTTPS: then a second one is worth starting.
    httpsNginx();
    assertNone(FailoverTrial.run(lab, conf()));
  }

  @Check("rate-limit")
  void loginIsRateLimited() {
    assertNone(EdgeLimits.loginRateLimit(httpsNginx()));
  }

  @Check("body-size")
  void uploadsUpToFiveMegabytes() {
    assertNone(EdgeLimits.uploads(httpsNginx()));
  }

  @Check("websocket")
  void webSocketIsProxied() {
    assertNone(WebSocketProbe.echo(httpsNginx()));
  }

  @Check("security-headers")
  void noVersionAndProtectiveHeaders() {
    assertNone(Hardening.homePage(httpsPort()));
  }

  // ---- shared steps ---------------------------------------------------------------------------

  /**
   * The learner's nginx.conf. Only config-valid can meet an unreadable file: every other check
   * needs config-valid to pass first (lab.yaml).
   */
  private String conf() {
    var conf = lab.workspace().readText(CONF, new Feedback());
    return conf.orElseThrow(() -> new IllegalStateException(CONF + " cannot be read"));
  }

  private ReverseProxyStack stack() {
    var conf = conf();
    return lab.once("stack", () -> lab.closeAtEnd(ReverseProxyStack.start(lab, conf)));
  }

  /** nginx of the shared stack; it runs, since config-valid (which the checks need) passed. */
  private NginxContainer nginx() {
    return stack()
        .nginx()
        .orElseThrow(() -> new IllegalStateException(CONF + " does not pass nginx -t"));
  }

  /** nginx, when it also answers HTTPS; checks of what lives behind port 443 skip otherwise. */
  private NginxContainer httpsNginx() {
    var nginx = nginx();
    boolean answers =
        lab.once(
            "https-answers",
            () -> TlsProbe.answersHttps(nginx.getMappedPort(NginxContainer.HTTPS_PORT)));
    Assumptions.assumeTrue(answers, "port 443 does not answer HTTPS yet (see check tls)");
    return nginx;
  }

  private int httpsPort() {
    return httpsNginx().getMappedPort(NginxContainer.HTTPS_PORT);
  }

  private static void assertNone(List<Problem> problems) {
    var feedback = new Feedback();
    problems.forEach(feedback::add);
    feedback.assertNone();
  }
}
