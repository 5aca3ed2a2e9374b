package dev.labkit.harness.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class NginxConfigTrialTest {

  /** Recorded from nginx:1.26.3: nginx -t with app2 of the upstream renamed app3. */
  static final String UNKNOWN_UPSTREAM_HOST =
      """
      /docker-entrypoint.sh: Configuration complete; ready for start up
      2026/12/01 08:08:23 [emerg] 1#1: host not found in upstream "app3:8080" in /etc/nginx/nginx.conf:32
      nginx: configuration file /etc/nginx/nginx.conf test failed
      """;

  @Test
  void readsNginxsErrorLineWithTimestampAndWorkerPrefix() {
    var output =
        """
        /docker-entrypoint.sh: Configuration complete; ready for start up
        2026/11/29 05:41:12 [emerg] 1#1: unknown directive "proxy_pas" in /etc/nginx/nginx.conf:92
        nginx: configuration file /etc/nginx/nginx.conf test failed
        """;
    var problems = NginxConfigTrial.problems(output, "nginx.conf", Map.of());
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).describe())
        .startsWith("nginx.conf:92: nginx -t: unknown directive \"proxy_pas\"");
  }

  @Test
  void readsTheShortForm() {
    var problems =
        NginxConfigTrial.problems(
            "nginx: [emerg] host not found in upstream \"app3:8080\" in /etc/nginx/nginx.conf:31\n",
            "nginx.conf",
            Map.of());
    assertThat(problems.get(0).line()).isEqualTo(31);
  }

  @Test
  void theLabsHintAnswersTheMessageItNames() {
    var problems =
        NginxConfigTrial.problems(
            UNKNOWN_UPSTREAM_HOST,
            "nginx.conf",
            Map.of("host not found in upstream", "the backends are web1:80 and web2:80."));
    assertThat(problems).singleElement().satisfies(p -> assertThat(p.line()).isEqualTo(32));
    assertThat(problems.get(0).hint()).isEqualTo("the backends are web1:80 and web2:80.");
  }

  @Test
  void withoutTheLabsHintNoHostIsNamed() {
    var problems = NginxConfigTrial.problems(UNKNOWN_UPSTREAM_HOST, "nginx.conf", Map.of());
    assertThat(problems.get(0).hint()).startsWith("nginx resolves upstream names at start-up");
    assertThat(problems.get(0).hint()).doesNotContain("app1").doesNotContain("app2");
  }
}
