package dev.labkit.labs.nginxreverseproxy;

import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.http.HttpSpecs;
import dev.labkit.harness.http.KitCertificate;
import dev.labkit.harness.nginx.NginxContainer;
import dev.labkit.harness.nginx.NginxDirectives;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * The tls check: TLS 1.2 and 1.3 handshakes on port 443, no outdated protocol in the effective
 * configuration, HTTP/2 agreed by ALPN, and HSTS for at least a year.
 */
final class TlsProbe {

  private static final String CONF = ReverseProxyStack.CONF_FILE;
  static final long ONE_YEAR_SECONDS = 31_536_000;
  private static final List<String> OUTDATED = List.of("SSLv2", "SSLv3", "TLSv1", "TLSv1.1");

  private TlsProbe() {}

  static List<Problem> judge(NginxContainer nginx) {
    var problems = new ArrayList<Problem>();
    int port = nginx.getMappedPort(NginxContainer.HTTPS_PORT);
    for (var protocol : List.of("TLSv1.3", "TLSv1.2")) {
      handshake(port, protocol).ifPresent(error -> problems.add(handshakeFailed(protocol, error)));
    }
    // No handshake can show that nginx would still offer TLS 1.0/1.1: this JVM (like today's
    // browsers) refuses them itself, and the nginx image's OpenSSL 3 refuses them at its default
    // security level even when ssl_protocols lists them (openssl s_client -tls1 inside the
    // container gets "protocol version" either way), while another OpenSSL build, or
    // @SECLEVEL=0 in ssl_ciphers, would offer them. So the effective configuration decides, read
    // with nginx's own grammar (NginxDirectives): a directive split over lines counts.
    problems.addAll(outdatedProtocols(nginx.effectiveConfiguration()));
    try {
      var response =
          HttpSpecs.jdkClient(HttpClient.Version.HTTP_2)
              .send(
                  HttpRequest.newBuilder(nginx.httpsUrl("/"))
                      .timeout(NginxRequests.TIMEOUT)
                      .build(),
                  HttpResponse.BodyHandlers.discarding());
      problems.addAll(http2(response.version()));
      problems.addAll(hsts(response.headers().firstValue("Strict-Transport-Security")));
    } catch (IOException e) {
      problems.add(Problem.in(CONF, "no HTTPS response from port 443").actual(e.toString()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return problems;
  }

  /** Whether port 443 completes a TLS 1.3 or 1.2 handshake: what the checks behind it need. */
  static boolean answersHttps(int port) {
    return handshake(port, "TLSv1.3").isEmpty() || handshake(port, "TLSv1.2").isEmpty();
  }

  /** Empty when the handshake succeeds; otherwise why it failed. */
  private static Optional<String> handshake(int port, String protocol) {
    try (var socket =
        (SSLSocket)
            KitCertificate.sslContext().getSocketFactory().createSocket("localhost", port)) {
      socket.setSoTimeout((int) NginxRequests.TIMEOUT.toMillis());
      socket.setEnabledProtocols(new String[] {protocol});
      socket.startHandshake();
      return Optional.empty();
    } catch (SSLException e) {
      return Optional.of(e.getMessage());
    } catch (IOException e) {
      return Optional.of(e.toString());
    }
  }

  static Problem handshakeFailed(String protocol, String error) {
    var problem =
        Problem.in(CONF, "a " + protocol + " handshake on port 443 failed")
            .expected("nginx serves TLS 1.2 and 1.3 with /etc/nginx/certs/lab.crt and lab.key")
            .actual(error);
    // nginx answered, but not in this version: ssl_protocols leaves it out.
    return error.contains("protocol_version")
        ? problem.hint(
            "ssl_protocols TLSv1.2 TLSv1.3; both are safe, and many clients still stop at TLS 1.2.")
        : problem.hint(
            "listen 443 ssl; ssl_certificate /etc/nginx/certs/lab.crt; ssl_certificate_key /etc/nginx/certs/lab.key;");
  }

  /** {@code dump}: the output of {@code nginx -T}. */
  static List<Problem> outdatedProtocols(String dump) {
    var problems = new ArrayList<Problem>();
    for (var use : NginxDirectives.find(dump, "ssl_protocols")) {
      var outdated = use.arguments().stream().filter(OUTDATED::contains).toList();
      if (!outdated.isEmpty()) {
        problems.add(
            Problem.in(CONF, "ssl_protocols still enables " + String.join(" and ", outdated))
                .at(use.file().equals(NginxContainer.CONF_PATH) ? use.line() : null, null)
                .expected("ssl_protocols TLSv1.2 TLSv1.3;")
                .actual("ssl_protocols " + String.join(" ", use.arguments()) + ";")
                .hint(
                    "TLS 1.0 and 1.1 are broken and refused by every current browser; leave them out."));
      }
    }
    return problems;
  }

  static List<Problem> http2(HttpClient.Version version) {
    if (version == HttpClient.Version.HTTP_2) {
      return List.of();
    }
    return List.of(
        Problem.in(CONF, "port 443 does not offer HTTP/2")
            .expected("HTTP/2, agreed by ALPN during the TLS handshake")
            .actual(version.toString())
            .hint("Add http2 on; to the server block (nginx 1.25.1+), or listen 443 ssl http2;."));
  }

  static List<Problem> hsts(Optional<String> header) {
    if (header.flatMap(MaxAge::in).filter(seconds -> seconds >= ONE_YEAR_SECONDS).isPresent()) {
      return List.of();
    }
    return List.of(
        Problem.in(CONF, "HTTPS responses must tell browsers to stay on HTTPS for at least a year")
            .expected("Strict-Transport-Security: max-age=31536000 (or more)")
            .actual(
                header
                    .map(value -> "Strict-Transport-Security: " + value)
                    .orElse("no Strict-Transport-Security header"))
            .hint(
                "add_header Strict-Transport-Security \"max-age=31536000\" always; in the 443 server."));
  }
}
