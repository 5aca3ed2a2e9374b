package dev.labkit.harness.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NginxConfigTestTest {

  @Test
  void readsNginxsErrorLineWithTimestampAndWorkerPrefix() {
    var output =
        """
        /docker-entrypoint.sh: Configuration complete; ready for start up
        2026/11/29 05:41:12 [emerg] 1#1: unknown directive "proxy_pas" in /etc/nginx/nginx.conf:92
        nginx: configuration file /etc/nginx/nginx.conf test failed
        """;
    var problems = NginxConfigTest.problems(output, "nginx.conf");
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).describe())
        .startsWith("nginx.conf:92: nginx -t: unknown directive \"proxy_pas\"");
  }

  @Test
  void readsTheShortFormAndUnresolvableUpstreams() {
    var problems =
        NginxConfigTest.problems(
            "nginx: [emerg] host not found in upstream \"app3:8080\" in /etc/nginx/nginx.conf:31\n",
            "nginx.conf");
    assertThat(problems.get(0).line()).isEqualTo(31);
    assertThat(problems.get(0).hint()).contains("app1:8080");
  }
}
