package io.tributary.cli.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PortLayoutTest {

  @Test
  void portsFollowTheBase() {
    PortLayout ports = new PortLayout(7400);

    assertThat(ports.coordinator(0)).isEqualTo(7400);
    assertThat(ports.broker(0)).isEqualTo(7401);
    assertThat(ports.broker(2)).isEqualTo(7403);
    assertThat(ports.zookeeper()).isEqualTo(7481);
    assertThat(ports.kinesis()).isEqualTo(7482);
    assertThat(ports.coordinator(1)).isEqualTo(7491);
  }

  @Test
  void baseZeroPicksFreePortsEverywhere() {
    PortLayout ports = new PortLayout(0);

    assertThat(ports.coordinator(0)).isZero();
    assertThat(ports.coordinator(3)).isZero();
    assertThat(ports.broker(5)).isZero();
    assertThat(ports.zookeeper()).isZero();
    assertThat(ports.kinesis()).isZero();
  }

  @Test
  void baseMustLeaveRoomForEveryProcess() {
    assertThatThrownBy(() -> new PortLayout(80)).hasMessageContaining("use 0 (free ports) or 1024");
    assertThatThrownBy(() -> new PortLayout(65500)).hasMessageContaining("out of range");
  }
}
