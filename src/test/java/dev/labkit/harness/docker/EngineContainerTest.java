package dev.labkit.harness.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineContainerTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void unconfinedSystemPathsKeepEveryOtherSetting() throws Exception {
    var settings =
        HostConfig.newHostConfig()
            .withMemory(6L << 30)
            .withPidsLimit(8192L)
            .withCapDrop(Capability.ALL)
            .withCapAdd(Capability.SETUID, Capability.SETGID)
            .withSecurityOpts(List.of("apparmor=unconfined"))
            .withDeviceCgroupRules(List.of("c 10:200 rwm"))
            .withTmpFs(Map.of("/dev/net", "mode=0755,uid=1000"))
            .withNetworkMode("labkit-net")
            .withPortBindings(new Ports(PortBinding.parse("127.0.0.1::8080")));

    var unconfined = EngineContainer.SystemPathsUnconfined.of(settings);
    JsonNode sent = JSON.valueToTree(unconfined);

    assertThat(sent.path("MaskedPaths").isArray() && sent.path("MaskedPaths").isEmpty())
        .as("MaskedPaths sent empty: %s", sent)
        .isTrue();
    assertThat(sent.path("ReadonlyPaths").isArray() && sent.path("ReadonlyPaths").isEmpty())
        .as("ReadonlyPaths sent empty: %s", sent)
        .isTrue();
    var without = (com.fasterxml.jackson.databind.node.ObjectNode) sent.deepCopy();
    without.remove(List.of("MaskedPaths", "ReadonlyPaths"));
    assertThat(without).as("every other setting as given").isEqualTo(JSON.valueToTree(settings));
  }

  @Test
  void theSeccompProfileAllowsUserNamespacesAndRefusesKeyrings() throws Exception {
    var profile = JSON.readTree(EngineContainer.seccompProfile());

    assertThat(profile.path("defaultAction").asText()).isEqualTo("SCMP_ACT_ALLOW");
    var refused = new java.util.HashMap<String, Integer>();
    profile
        .path("syscalls")
        .forEach(
            rule ->
                rule.path("names")
                    .forEach(name -> refused.put(name.asText(), rule.path("errnoRet").asInt())));
    assertThat(refused)
        .as("what a rootless engine is made of stays allowed")
        .doesNotContainKeys(
            "unshare", "clone", "clone3", "setns", "mount", "umount2", "pivot_root");
    assertThat(refused)
        .as("keyrings answer ENOSYS, so runc goes on without one")
        .containsEntry("keyctl", 38)
        .containsEntry("add_key", 38);
    assertThat(refused).containsEntry("bpf", 1).containsEntry("kexec_load", 1);
  }

  @Test
  void secretsReachDockerExecByNameAndTheirValuesOnlyThroughTheEnvironment() {
    var command =
        EngineContainer.execCommand(
            "c0ffee",
            Duration.ofSeconds(5),
            Map.of("REGISTRY_TOKEN", "token-s3cr3t"),
            "act",
            "push");

    assertThat(command.argv())
        .as("docker's command line, which the process list shows")
        .containsSubsequence("exec", "--env", "REGISTRY_TOKEN", "c0ffee", "act", "push")
        .noneMatch(argument -> argument.contains("s3cr3t"));
    assertThat(command.variables())
        .as("the docker command's environment")
        .containsEntry("REGISTRY_TOKEN", "token-s3cr3t");
  }

  @Test
  void aVariableTheDockerCommandReadsItselfIsRefused() {
    assertThatThrownBy(
            () ->
                EngineContainer.execCommand(
                    "c0ffee", Duration.ofSeconds(5), Map.of("DOCKER_HOST", "tcp://x"), "true"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DOCKER_HOST");
  }
}
