package io.tributary.worker.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ElementBatchTest {
  @Test
  void keepsRecordsAndEventsInOrderAndReportsFullness() {
    ElementBatch batch = new ElementBatch(4);
    assertThat(batch.isEmpty()).isTrue();
    assertThat(batch.addRecord("a", 10L)).isFalse();
    assertThat(batch.addEvent(ElementBatch.WATERMARK, 7L)).isFalse();
    assertThat(batch.addRecord(null, Long.MIN_VALUE)).isFalse();
    assertThat(batch.addEvent(ElementBatch.END_OF_PARTITION, 99L)).isTrue();

    assertThat(batch.size()).isEqualTo(4);
    assertThat(batch.isFull()).isTrue();
    assertThat(batch.kind(0)).isEqualTo(ElementBatch.RECORD);
    assertThat(batch.value(0)).isEqualTo("a");
    assertThat(batch.timestamp(0)).isEqualTo(10L);
    assertThat(batch.kind(1)).isEqualTo(ElementBatch.WATERMARK);
    assertThat(batch.timestamp(1)).isEqualTo(7L);
    assertThat(batch.value(1)).isNull();
    assertThat(batch.value(2)).isNull();
    assertThat(batch.timestamp(2)).isEqualTo(Long.MIN_VALUE);
    assertThat(batch.kind(3)).isEqualTo(ElementBatch.END_OF_PARTITION);
    assertThat(batch.timestamp(3)).isZero();
    assertThat(batch.endsPartition()).isTrue();
  }

  @Test
  void refusesElementsBeyondCapacityAndIndexesOutsideTheBatch() {
    ElementBatch batch = new ElementBatch(1);
    batch.addRecord(1, 1L);
    assertThatThrownBy(() -> batch.addRecord(2, 2L)).isInstanceOf(IllegalStateException.class).hasMessageContaining("full");
    assertThatThrownBy(() -> batch.value(1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> batch.addEvent(ElementBatch.RECORD, 0L)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ElementBatch(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void onlyATrailingEndOfPartitionEndsThePartition() {
    ElementBatch batch = new ElementBatch(3);
    batch.addEvent(ElementBatch.IDLE, 0L);
    assertThat(batch.endsPartition()).isFalse();
    batch.addEvent(ElementBatch.ACTIVE, 0L);
    assertThat(batch.endsPartition()).isFalse();
    assertThat(new ElementBatch(2).endsPartition()).isFalse();
  }
}
