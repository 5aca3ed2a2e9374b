package dev.labkit.harness.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

class KitContainersTest {

  /** A create command that only carries a host config, as the modifier sees it. */
  private static CreateContainerCmd createCommand(HostConfig host) {
    return (CreateContainerCmd)
        Proxy.newProxyInstance(
            KitContainersTest.class.getClassLoader(),
            new Class<?>[] {CreateContainerCmd.class},
            (proxy, method, arguments) -> method.getName().equals("getHostConfig") ? host : null);
  }

  @Test
  void everyPublishedPortMovesToLoopbackAndKeepsItsHostPort() {
    var ports = new Ports();
    ports.bind(ExposedPort.tcp(4566), Ports.Binding.empty()); // what withExposedPorts makes
    ports.bind(ExposedPort.tcp(8080), Ports.Binding.bindPort(18080)); // a fixed host port
    ports.bind(ExposedPort.tcp(5000), Ports.Binding.bindIpAndPort("0.0.0.0", 15000));
    ports.bind(ExposedPort.tcp(9090), null); // exposed, not published
    var host = new HostConfig().withPortBindings(ports);

    KitContainers.publishOnLoopback(createCommand(host));

    var bindings = host.getPortBindings().getBindings();
    assertThat(bindings.get(ExposedPort.tcp(4566)))
        .containsExactly(new Ports.Binding("127.0.0.1", null));
    assertThat(bindings.get(ExposedPort.tcp(8080)))
        .containsExactly(new Ports.Binding("127.0.0.1", "18080"));
    assertThat(bindings.get(ExposedPort.tcp(5000)))
        .containsExactly(new Ports.Binding("127.0.0.1", "15000"));
    assertThat(bindings).containsKey(ExposedPort.tcp(9090));
    assertThat(bindings.get(ExposedPort.tcp(9090))).isNull();
  }

  @Test
  void aContainerWithoutPortsIsLeftAlone() {
    var host = new HostConfig();

    KitContainers.publishOnLoopback(createCommand(host));

    assertThat(host.getPortBindings()).isNull();
  }
}
