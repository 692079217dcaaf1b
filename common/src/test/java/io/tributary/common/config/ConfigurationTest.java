package io.tributary.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigurationTest {
  private static final ConfigKey<Integer> PORT = ConfigKey.integer("server.port", 0, "a port number");
  private static final ConfigKey<Duration> TIMEOUT =
      ConfigKey.duration("zookeeper.session-timeout", Duration.ofSeconds(6), "a duration such as 6s");

  @Test
  void overridesBeatTheFileWhichBeatsDefaults(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("broker.yaml");
    Files.writeString(file, "server:\n  port: 7501\nzookeeper:\n  session-timeout: 9s\n");
    Configuration fromFile = Configuration.load(file, Map.of());
    assertThat(fromFile.get(PORT)).isEqualTo(7501);
    assertThat(fromFile.get(TIMEOUT)).isEqualTo(Duration.ofSeconds(9));
    assertThat(fromFile.with(Map.of("server.port", "7600")).get(PORT)).isEqualTo(7600);
    assertThat(Configuration.of(Map.of()).get(PORT)).isZero();
  }

  @Test
  void badValueNamesTheKeyAndTheSource() {
    Configuration config = Configuration.of(Map.of("server.port", "seven"));
    assertThatThrownBy(() -> config.get(PORT))
        .hasMessageContaining("server.port")
        .hasMessageContaining("command line")
        .hasMessageContaining("a port number");
  }

  @Test
  void environmentVariableNamesFollowTheKey() {
    assertThat(TIMEOUT.envName()).isEqualTo("TRIB_ZOOKEEPER_SESSION_TIMEOUT");
  }
}
