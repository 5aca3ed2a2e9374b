package dev.labkit.labs.nginxreverseproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TlsProbeTest {

  @Test
  void theSolutionsProtocolsAreModern() {
    assertThat(TlsProbe.outdatedProtocols(RecordedNginx.text("nginx-T-solution.txt"))).isEmpty();
  }

  @Test
  void tlsOnePointOneIsNamedAtItsLine() {
    var problems = TlsProbe.outdatedProtocols(RecordedNginx.text("nginx-T-tls-allows-tls11.txt"));

    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message()).isEqualTo("ssl_protocols still enables TLSv1.1");
              // The line in nginx.conf, not in the dump (whose first line is the file mark).
              assertThat(p.location()).isEqualTo("nginx.conf:62");
              assertThat(p.actual()).isEqualTo("ssl_protocols TLSv1.1 TLSv1.2 TLSv1.3;");
            });
  }

  @Test
  void tlsOneSplitOverLinesIsNamedAtTheDirectivesFirstLine() {
    var dump =
        """
        # configuration file /etc/nginx/nginx.conf:
        http {
            server {
                ssl_protocols TLSv1
                    TLSv1.2 TLSv1.3;
            }
        }
        """;

    assertThat(TlsProbe.outdatedProtocols(dump))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message()).isEqualTo("ssl_protocols still enables TLSv1");
              assertThat(p.location()).isEqualTo("nginx.conf:3");
              assertThat(p.actual()).isEqualTo("ssl_protocols TLSv1 TLSv1.2 TLSv1.3;");
            });
  }

  @Test
  void anOutdatedProtocolInAnIncludedFileHasNoLineOfNginxConf() {
    var dump =
        """
        # configuration file /etc/nginx/conf.d/tls.conf:
        ssl_protocols TLSv1 TLSv1.2;
        """;

    assertThat(TlsProbe.outdatedProtocols(dump))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message()).isEqualTo("ssl_protocols still enables TLSv1");
              assertThat(p.location()).isEqualTo("nginx.conf");
            });
  }

  @Test
  void hstsOfAYearPassesShorterOrNoneDoesNot() {
    // Recorded from the solution's GET /.
    var solution = RecordedNginx.headers("home-headers-solution.txt");
    assertThat(TlsProbe.hsts(Optional.of(solution.get("Strict-Transport-Security")))).isEmpty();

    assertThat(TlsProbe.hsts(Optional.of("max-age=3600")))
        .singleElement()
        .satisfies(
            p -> assertThat(p.actual()).isEqualTo("Strict-Transport-Security: max-age=3600"));
    assertThat(TlsProbe.hsts(Optional.empty()))
        .singleElement()
        .satisfies(p -> assertThat(p.actual()).isEqualTo("no Strict-Transport-Security header"));
  }

  @Test
  void http1IsNamed() {
    assertThat(TlsProbe.http2(HttpClient.Version.HTTP_2)).isEmpty();
    assertThat(TlsProbe.http2(HttpClient.Version.HTTP_1_1))
        .singleElement()
        .satisfies(p -> assertThat(p.actual()).isEqualTo("HTTP_1_1"));
  }

  @Test
  void aVersionLeftOutOfSslProtocolsIsNamedAsSuch() {
    // What this JVM said when nginx 1.26.3 had ssl_protocols TLSv1.3; (mistake tls13-only).
    assertThat(TlsProbe.handshakeFailed("TLSv1.2", "Received fatal alert: protocol_version").hint())
        .startsWith("ssl_protocols TLSv1.2 TLSv1.3;");
    assertThat(TlsProbe.handshakeFailed("TLSv1.3", "Connection refused").hint())
        .startsWith("listen 443 ssl;");
  }
}
