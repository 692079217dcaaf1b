package io.tributary.broker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CycleIndexTest {
  private final CycleIndex index = CycleIndex.EMPTY.plus(100, 0).plus(101, 10).plus(105, 25);

  @Test
  void findsTheCycleHoldingASequenceNumber() {
    assertThat(index.positionOf(0)).isZero();
    assertThat(index.positionOf(9)).isZero();
    assertThat(index.positionOf(10)).isEqualTo(1);
    assertThat(index.positionOf(24)).isEqualTo(1);
    assertThat(index.positionOf(25)).isEqualTo(2);
    assertThat(index.positionOf(1_000_000)).isEqualTo(2);
  }

  @Test
  void droppingTheOldestCyclesLeavesTheRest() {
    CycleIndex rest = index.dropOldest(2);

    assertThat(rest.size()).isEqualTo(1);
    assertThat(rest.cycle(0)).isEqualTo(105);
    assertThat(rest.firstSequence(0)).isEqualTo(25);
    assertThat(rest.positionOf(10)).isEqualTo(-1);
    assertThat(index.size()).isEqualTo(3);
  }

  @Test
  void cyclesMustGrowInTimeAndNumbering() {
    assertThatThrownBy(() -> index.plus(104, 30)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("does not follow cycle 105");
    assertThatThrownBy(() -> index.plus(106, 25)).isInstanceOf(IllegalStateException.class);
    assertThat(CycleIndex.EMPTY.isEmpty()).isTrue();
    assertThat(CycleIndex.EMPTY.positionOf(0)).isEqualTo(-1);
  }
}
