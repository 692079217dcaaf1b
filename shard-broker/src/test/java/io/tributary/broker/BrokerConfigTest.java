package io.tributary.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.broker.internal.RollCycleNames;
import io.tributary.broker.replication.ReplicationSettings;
import io.tributary.common.config.CommonKeys;
import io.tributary.common.config.ConfigKey;
import io.tributary.common.config.Configuration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrokerConfigTest {
  @Test
  void defaultsWorkOnOneLaptop() {
    BrokerConfig config = new BrokerConfig(Configuration.of(Map.of()));

    assertThat(config.id()).isZero();
    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.dir()).isEqualTo(Path.of("data"));
    assertThat(config.rollCycle()).isEqualTo("hourly");
    assertThat(config.retentionCheckInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.quotas()).isEqualTo(QuotaSettings.KINESIS_DEFAULTS);
    assertThat(config.producerStates())
        .isEqualTo(new ProducerStateSettings(Duration.ofMinutes(5), 2_000_000, 10_000));
  }

  @Test
  void replicationSettingsDefaultToTwoInSyncTenSecondsLagAndFifteenSecondsAckTimeoutAndAreChecked() {
    assertThat(new BrokerConfig(Configuration.of(Map.of())).replication()).isEqualTo(
        new ReplicationSettings(2, Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofMillis(500),
            4 * 1024 * 1024));
    BrokerConfig config = new BrokerConfig(Configuration.of(Map.of("replication.min-in-sync-replicas", "1",
        "replication.replica-lag-max", "3s", "replication.ack-timeout", "2s")));
    assertThat(config.replication().minInSync()).isEqualTo(1);
    assertThat(config.replication().lagTimeMax()).isEqualTo(Duration.ofSeconds(3));
    assertThat(config.replication().ackTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThatThrownBy(() -> new BrokerConfig(Configuration.of(Map.of("replication.min-in-sync-replicas", "0"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("replication.min-in-sync-replicas");
  }

  @Test
  void metricsAreOffByDefaultAndThePortIsChecked() {
    assertThat(new BrokerConfig(Configuration.of(Map.of())).metricsPort()).isEqualTo(-1);
    assertThat(new BrokerConfig(Configuration.of(Map.of("metrics.port", "0"))).metricsPort()).isZero();
    assertThat(BrokerConfig.KEYS).contains(CommonKeys.METRICS_PORT);
    assertThatThrownBy(() -> new BrokerConfig(Configuration.of(Map.of("metrics.port", "70000"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("metrics.port");
  }

  @Test
  void everyKeyIsListedOnceAndResolvesFromOverrides() {
    assertThat(BrokerConfig.KEYS).doesNotHaveDuplicates().contains(CommonKeys.ZOOKEEPER, BrokerConfig.QUOTA_READ_BYTES);

    BrokerConfig config = new BrokerConfig(Configuration.of(Map.of(
        "broker.id", "3", "broker.roll-cycle", "minutely", "quota.enabled", "off",
        "quota.write-records-per-second", "50", "broker.subscribe-heartbeat-interval", "250ms",
        "quota.subscribe-bytes-per-second", "4096", "broker.producer-state-window", "1m",
        "broker.producer-state-max-records", "10", "broker.producer-state-max-producers", "2")));

    assertThat(config.id()).isEqualTo(3);
    assertThat(config.quotas().enabled()).isFalse();
    assertThat(config.quotas().writeRecordsPerSecond()).isEqualTo(50);
    assertThat(config.heartbeatInterval()).isEqualTo(Duration.ofMillis(250));
    assertThat(config.quotas().subscribeBytesPerSecond()).isEqualTo(4096);
    assertThat(config.producerStates()).isEqualTo(new ProducerStateSettings(Duration.ofMinutes(1), 10, 2));
  }

  @Test
  void everyRollCycleNameMapsToAChronicleCycle() {
    for (String name : BrokerConfig.ROLL_CYCLES) {
      assertThat(RollCycleNames.forName(name).lengthInMillis()).isPositive();
    }
    assertThat(RollCycleNames.forName("hourly").lengthInMillis()).isEqualTo(3_600_000);
  }

  @Test
  void badValuesNameTheKeyAndTheFix() {
    assertInvalid(BrokerConfig.ID, "-1", "invalid value '-1' for broker.id (environment variable TRIB_BROKER_ID): use 0 or more");
    assertInvalid(CommonKeys.PORT, "70000", "use 0 to pick a free port, or 1 to 65535");
    assertInvalid(BrokerConfig.ROLL_CYCLE, "weekly", "use one of [minutely,");
    assertInvalid(BrokerConfig.RETENTION_CHECK_INTERVAL, "0s", "use a positive duration");
    assertInvalid(BrokerConfig.QUOTA_READ_TRANSACTIONS, "0", "quota.read-transactions-per-second");
    assertInvalid(BrokerConfig.QUOTA_SUBSCRIBE_BYTES, "0", "quota.subscribe-bytes-per-second");
    assertInvalid(BrokerConfig.PRODUCER_STATE_WINDOW, "0s", "use a positive duration");
    assertInvalid(BrokerConfig.PRODUCER_STATE_MAX_RECORDS, "-1", "use 0 or more");
    assertInvalid(BrokerConfig.PRODUCER_STATE_MAX_PRODUCERS, "0", "use 1 or more");
    assertInvalid(CommonKeys.CLUSTER, "a/b", "use 1 to 64 letters");
    assertInvalid(CommonKeys.DIR, " ", "server.dir");
  }

  private static void assertInvalid(ConfigKey<?> key, String value, String message) {
    assertThatThrownBy(() -> new BrokerConfig(Configuration.of(Map.of(key.name(), value))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(key.name())
        .hasMessageContaining(message);
  }
}
