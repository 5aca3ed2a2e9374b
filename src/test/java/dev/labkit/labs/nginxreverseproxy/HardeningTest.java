package dev.labkit.labs.nginxreverseproxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.labkit.harness.feedback.Problem;
import org.junit.jupiter.api.Test;

class HardeningTest {

  @Test
  void theSolutionsHomePagePasses() {
    assertThat(Hardening.headers(RecordedNginx.headers("home-headers-solution.txt")::get))
        .isEmpty();
  }

  @Test
  void aVersionInServerIsNamed() {
    var headers = RecordedNginx.headers("home-headers-server-tokens-on.txt");

    assertThat(Hardening.headers(headers::get))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.actual()).isEqualTo("Server: nginx/1.26.3");
              assertThat(p.hint()).isEqualTo("server_tokens off; in http {}.");
            });
  }

  @Test
  void aMissingHeaderIsNamedOnce() {
    var headers = RecordedNginx.headers("home-headers-solution.txt");
    headers.remove("X-Frame-Options");

    assertThat(Hardening.headers(headers::get))
        .extracting(Problem::actual)
        .containsExactly("no X-Frame-Options on GET /");
  }
}
