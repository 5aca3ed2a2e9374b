package dev.labkit.harness.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class DoctorTest {

  @Test
  void oldJavaAndOldMavenMustBeFixed() {
    assertThat(Doctor.java(11, "11.0.2").level()).isEqualTo(Finding.Level.FAIL);
    assertThat(Doctor.java(21, "21.0.5").level()).isEqualTo(Finding.Level.OK);
    assertThat(Doctor.maven("3.6.3").level()).isEqualTo(Finding.Level.FAIL);
    assertThat(Doctor.maven("3.9.9").level()).isEqualTo(Finding.Level.OK);
    assertThat(Doctor.maven("").level()).isEqualTo(Finding.Level.WARN);
    assertThat(Doctor.maven("unknown").level()).isEqualTo(Finding.Level.FAIL);
  }

  @Test
  void aMissingImageSaysHowToGetIt() {
    var findings =
        Doctor.images(
            Map.of(
                "nginx",
                "nginx:1.26.3",
                "grafana",
                "grafana/grafana:11.6.0",
                "echo",
                "labkit/echo:1"),
            Set.of("nginx", "echo"),
            name -> !name.equals("grafana"),
            image -> image.startsWith("labkit/"));

    assertThat(findings)
        .extracting(Finding::topic, Finding::level)
        .containsExactly(
            Tuple.tuple("image echo", Finding.Level.OK),
            Tuple.tuple("image grafana", Finding.Level.WARN),
            Tuple.tuple("image nginx", Finding.Level.FAIL));
    assertThat(findings.get(2).todo()).contains("build-images.sh nginx");
    assertThat(findings.get(1).todo()).contains("docker pull grafana/grafana:11.6.0");
  }

  @Test
  void aClockOffByMinutesMustBeFixedAndNoServerIsOnlyAWarning() {
    var late = Instant.now().minus(Duration.ofMinutes(3));
    assertThat(Doctor.clock(Optional.of(late)).level()).isEqualTo(Finding.Level.FAIL);
    assertThat(Doctor.clock(Optional.of(Instant.now())).level()).isEqualTo(Finding.Level.OK);
    assertThat(Doctor.clock(Optional.empty()).level()).isEqualTo(Finding.Level.WARN);
  }

  @Test
  void littleMemoryAndATakenPortAreWarnings() {
    assertThat(Doctor.memory(Doctor.GIB).level()).isEqualTo(Finding.Level.WARN);
    assertThat(Doctor.port(8080, false).level()).isEqualTo(Finding.Level.WARN);
    assertThat(Doctor.port(8080, false).render()).contains("→");
  }

  @Test
  void unlimitedBuildsAreAWarningThatNamesTheScript() {
    var unlimited = Doctor.buildLimits(Optional.empty());
    assertThat(unlimited.level()).isEqualTo(Finding.Level.WARN);
    assertThat(unlimited.todo()).contains("scripts/limit-builds.sh");
    assertThat(Doctor.buildLimits(Optional.of(4096L)).seen()).contains("4096");
  }

  @Test
  void userNamespacesSwitchedOffOrRestrictedAreAWarningWithTheFix() {
    var allowed =
        Doctor.userNamespaces(
            name ->
                Optional.of(
                    switch (name) {
                      case "user/max_user_namespaces" -> "96364";
                      case "kernel/unprivileged_userns_clone" -> "1";
                      default -> "0";
                    }));
    assertThat(allowed.level()).isEqualTo(Finding.Level.OK);
    var ubuntu =
        Doctor.userNamespaces(
            name ->
                name.equals("kernel/unprivileged_userns_clone")
                    ? Optional.empty()
                    : Optional.of(name.contains("apparmor") ? "1" : "15000"));
    assertThat(ubuntu.level()).isEqualTo(Finding.Level.WARN);
    assertThat(ubuntu.render())
        .contains("kernel.apparmor_restrict_unprivileged_userns=1")
        .contains("sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0");
    assertThat(Doctor.userNamespaces(name -> Optional.empty()).level()).isEqualTo(Finding.Level.OK);
  }
}
