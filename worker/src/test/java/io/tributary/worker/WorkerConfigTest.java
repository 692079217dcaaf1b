package io.tributary.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.config.Configuration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerConfigTest {
  @Test
  void defaultsOfferTwoSlotsAndDeriveTheIdFromTheAddress() {
    WorkerConfig config = new WorkerConfig(Configuration.of(Map.of()));
    assertThat(config.slots()).isEqualTo(2);
    assertThat(config.id()).isEmpty();
    assertThat(config.idFor(7600)).isEqualTo("worker-127.0.0.1-7600");
    assertThat(config.metricsPort()).isEqualTo(-1);
  }

  @Test
  void aConfiguredIdWins() {
    WorkerConfig config = new WorkerConfig(Configuration.of(Map.of("worker.id", "w1", "worker.slots", "8")));
    assertThat(config.idFor(7600)).isEqualTo("w1");
    assertThat(config.slots()).isEqualTo(8);
  }

  @Test
  void rejectsNoSlotsNamingTheKeyAndTheFix() {
    assertThatThrownBy(() -> new WorkerConfig(Configuration.of(Map.of("worker.slots", "0"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("worker.slots").hasMessageContaining("use 1 or more");
  }

  @Test
  void rejectsAnIdZooKeeperCannotHold() {
    assertThatThrownBy(() -> new WorkerConfig(Configuration.of(Map.of("worker.id", "a/b"))))
        .hasMessageContaining("worker.id").hasMessageContaining("letters, digits");
  }
}
