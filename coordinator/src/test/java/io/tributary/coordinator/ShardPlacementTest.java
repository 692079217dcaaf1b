package io.tributary.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShardPlacementTest {
  @Test
  void equalBrokersTakeTurnsInIdOrder() {
    assertThat(ShardPlacement.leaders(List.of(2, 1), Map.of(), 4)).containsExactly(1, 2, 1, 2);
  }

  @Test
  void leastLoadedBrokerGoesFirst() {
    assertThat(ShardPlacement.leaders(List.of(1, 2, 3), Map.of(1, 3, 2, 1), 4)).containsExactly(3, 2, 3, 2);
  }

  @Test
  void loadsOfBrokersThatAreNotLiveDoNotMatter() {
    assertThat(ShardPlacement.leaders(List.of(1, 2), Map.of(9, 100, 1, 1), 3)).containsExactly(2, 1, 2);
  }

  @Test
  void successiveStreamsSpreadEvenly() {
    Map<Integer, Integer> led = new java.util.HashMap<>();
    for (int stream = 0; stream < 3; stream++) {
      for (int leader : ShardPlacement.leaders(List.of(1, 2, 3), led, 2)) {
        led.merge(leader, 1, Integer::sum);
      }
    }
    assertThat(led).containsExactlyInAnyOrderEntriesOf(Map.of(1, 2, 2, 2, 3, 2));
  }

  @Test
  void needsABroker() {
    assertThatThrownBy(() -> ShardPlacement.leaders(List.of(), Map.of(), 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
