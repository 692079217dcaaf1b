package io.tributary.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.config.CommonKeys;
import io.tributary.common.config.ConfigKey;
import io.tributary.common.config.Configuration;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoordinatorConfigTest {
  @Test
  void defaultsWorkOnOneMachine() {
    CoordinatorConfig config = new CoordinatorConfig(Configuration.of(Map.of()));

    assertThat(config.id()).isEmpty();
    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.port()).isZero();
    assertThat(config.zookeeper()).isEqualTo("127.0.0.1:2181");
    assertThat(config.cluster()).isEqualTo("tributary");
    assertThat(config.zkSessionTimeout()).isEqualTo(Duration.ofSeconds(6));
    assertThat(config.maxShardsPerStream()).isEqualTo(500);
    assertThat(config.defaultRetentionHours()).isEqualTo(24);
  }

  @Test
  void readsEveryKey() {
    CoordinatorConfig config = new CoordinatorConfig(Configuration.of(Map.of(
        "coordinator.id", "c-1", "server.host", "10.0.0.5", "server.port", "7400",
        "zookeeper.connect", "zk1:2181,zk2:2181", "cluster.name", "prod",
        "zookeeper.session-timeout", "10s", "coordinator.max-shards-per-stream", "64",
        "coordinator.default-retention-hours", "48")));

    assertThat(config.id()).contains("c-1");
    assertThat(config.host()).isEqualTo("10.0.0.5");
    assertThat(config.port()).isEqualTo(7400);
    assertThat(config.zookeeper()).isEqualTo("zk1:2181,zk2:2181");
    assertThat(config.cluster()).isEqualTo("prod");
    assertThat(config.zkSessionTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.maxShardsPerStream()).isEqualTo(64);
    assertThat(config.defaultRetentionHours()).isEqualTo(48);
  }

  @Test
  void metricsAreOffByDefaultAndThePortIsChecked() {
    assertThat(new CoordinatorConfig(Configuration.of(Map.of())).metricsPort()).isEqualTo(-1);
    assertThat(new CoordinatorConfig(Configuration.of(Map.of("metrics.port", "0"))).metricsPort()).isZero();
    assertThatThrownBy(() -> new CoordinatorConfig(Configuration.of(Map.of("metrics.port", "-2"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("metrics.port");
  }

  @Test
  void checkpointStorageDefaultsToADirectoryUnderServerDir() {
    CoordinatorConfig defaults = new CoordinatorConfig(Configuration.of(Map.of("server.dir", "data")));
    assertThat(defaults.checkpointDir()).isEqualTo(java.nio.file.Path.of("data", "checkpoints"));
    CoordinatorConfig shared = new CoordinatorConfig(Configuration.of(Map.of("checkpoint.dir", "/mnt/shared/ckpt")));
    assertThat(shared.checkpointDir()).isEqualTo(java.nio.file.Path.of("/mnt/shared/ckpt"));
  }

  @Test
  void keysListsEveryKeyOnce() {
    assertThat(CoordinatorConfig.KEYS).extracting(ConfigKey::name).doesNotHaveDuplicates().containsExactlyInAnyOrder(
        "coordinator.id", "server.host", "server.port", "metrics.port", "server.dir", "zookeeper.connect", "cluster.name",
        "checkpoint.dir", "zookeeper.session-timeout", "coordinator.max-shards-per-stream", "coordinator.default-retention-hours",
        "coordinator.reshard-wait", "coordinator.on-demand.min-shards", "coordinator.on-demand.max-shards",
        "coordinator.on-demand.interval", "coordinator.on-demand.split-threshold",
        "coordinator.on-demand.merge-threshold", "coordinator.on-demand.shard-records-per-second",
        "coordinator.on-demand.shard-bytes-per-second", "coordinator.on-demand.cooldown", "coordinator.auto-rebalance",
        "coordinator.replica-catch-up-wait");
  }

  @Test
  void rejectsOutOfBoundsValuesNamingTheKey() {
    assertRejected("coordinator.max-shards-per-stream", "0", "use 1 to 2000");
    assertRejected("coordinator.max-shards-per-stream", "5000", "use 1 to 2000");
    assertRejected("coordinator.default-retention-hours", "12", "use 24 to 8760");
    assertRejected("coordinator.default-retention-hours", "9000", "use 24 to 8760");
    assertRejected(CommonKeys.PORT.name(), "70000", "use 0 to 65535");
    assertRejected(CommonKeys.CLUSTER.name(), "a/b", "not a valid cluster name");
    assertRejected(CommonKeys.ZK_SESSION_TIMEOUT.name(), "200ms", "at least 1s");
    assertRejected("coordinator.id", "a b", "not a valid id");
    assertRejected("coordinator.id", "..", "not a valid id");
    assertRejected("coordinator.on-demand.min-shards", "0", "out of bounds");
    assertRejected("coordinator.on-demand.split-threshold", "1.5", "at most 1");
    assertRejected("coordinator.on-demand.merge-threshold", "0.5", "half the split threshold");
    assertRejected("coordinator.on-demand.interval", "10ms", "at least 100ms");
  }

  @Test
  void onDemandDefaultsAndTheirCapByThePerStreamLimit() {
    OnDemandSettings defaults = new CoordinatorConfig(Configuration.of(Map.of())).onDemand();
    assertThat(defaults).isEqualTo(StreamRulesTest.ON_DEMAND);
    assertThat(new CoordinatorConfig(Configuration.of(Map.of("coordinator.max-shards-per-stream", "8")))
        .onDemand().maxShards()).isEqualTo(8);
  }

  @Test
  void unparsableValuesNameTheKey() {
    assertThatThrownBy(() -> new CoordinatorConfig(Configuration.of(Map.of("coordinator.max-shards-per-stream", "many"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("coordinator.max-shards-per-stream");
  }

  private static void assertRejected(String key, String value, String fix) {
    assertThatThrownBy(() -> new CoordinatorConfig(Configuration.of(Map.of(key, value))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(key)
        .hasMessageContaining(fix);
  }
}
