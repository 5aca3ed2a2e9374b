package dev.labkit.harness.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NginxDirectivesTest {

  static final String DUMP =
      """
      nginx: the configuration file /etc/nginx/nginx.conf syntax is ok
      # configuration file /etc/nginx/nginx.conf:
      http {
          # ssl_protocols TLSv1;   (a comment, not a directive)
          ssl_protocols TLSv1.2 TLSv1.3;
          server { listen 443 ssl; ssl_protocols   TLSv1.1 TLSv1.2; }
          add_header X-Note "a # in quotes; ssl_protocols SSLv3;";
      }
      # configuration file /etc/nginx/conf.d/extra.conf:
      ssl_protocols TLSv1.3;
      """;

  @Test
  void findsEveryUseWithFileAndLineAndSkipsComments() {
    var uses = NginxDirectives.find(DUMP, "ssl_protocols");
    assertThat(uses)
        .containsExactly(
            new NginxDirectives.Use("/etc/nginx/nginx.conf", 3, List.of("TLSv1.2", "TLSv1.3")),
            new NginxDirectives.Use("/etc/nginx/nginx.conf", 4, List.of("TLSv1.1", "TLSv1.2")),
            new NginxDirectives.Use("/etc/nginx/conf.d/extra.conf", 1, List.of("TLSv1.3")));
  }

  @Test
  void aDirectiveSplitOverLinesIsOneUseOnItsFirstLine() {
    var dump =
        """
        # configuration file /etc/nginx/nginx.conf:
        http {
            ssl_protocols
                TLSv1.1   # still here for an old client
                TLSv1.2;
            server { listen 443 ssl; } ssl_protocols "TLSv1.3";
        }
        """;
    assertThat(NginxDirectives.find(dump, "ssl_protocols"))
        .containsExactly(
            new NginxDirectives.Use("/etc/nginx/nginx.conf", 2, List.of("TLSv1.1", "TLSv1.2")),
            new NginxDirectives.Use("/etc/nginx/nginx.conf", 5, List.of("TLSv1.3")));
  }

  @Test
  void aDirectiveNameInsideAnotherIsNotAUse() {
    assertThat(NginxDirectives.find("proxy_ssl_protocols TLSv1;\n", "ssl_protocols")).isEmpty();
  }

  @Test
  void aSplitDirectiveInAnIncludedFileIsAttributedToThatFile() {
    var dump =
        """
        # configuration file /etc/nginx/nginx.conf:
        http {
            include /etc/nginx/conf.d/*.conf;
        }

        # configuration file /etc/nginx/conf.d/tls.conf:
        server {
            listen 443 ssl;
            ssl_protocols TLSv1
                TLSv1.2 TLSv1.3;
        }
        """;
    assertThat(NginxDirectives.find(dump, "ssl_protocols"))
        .containsExactly(
            new NginxDirectives.Use(
                "/etc/nginx/conf.d/tls.conf", 3, List.of("TLSv1", "TLSv1.2", "TLSv1.3")));
  }
}
