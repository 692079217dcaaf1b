package io.tributary.api.windowing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WindowAssignersTest {
  @Test
  void tumblingWindowsHoldTheTimestampIncludingNegativeOnesAndOffsets() {
    var tumbling = TumblingEventTimeWindows.of(Duration.ofMillis(10));
    assertThat(tumbling.assignWindows(0)).containsExactly(new TimeWindow(0, 10));
    assertThat(tumbling.assignWindows(9)).containsExactly(new TimeWindow(0, 10));
    assertThat(tumbling.assignWindows(10)).containsExactly(new TimeWindow(10, 20));
    assertThat(tumbling.assignWindows(-1)).containsExactly(new TimeWindow(-10, 0));
    assertThat(TumblingEventTimeWindows.of(Duration.ofMillis(10), Duration.ofMillis(3)).assignWindows(12))
        .containsExactly(new TimeWindow(3, 13));
    assertThat(tumbling.isEventTime()).isTrue();
    assertThat(TumblingProcessingTimeWindows.of(Duration.ofMillis(10)).isEventTime()).isFalse();
  }

  @Test
  void slidingWindowsAreEveryWindowOfTheSlideThatHoldsTheTimestamp() {
    var sliding = SlidingEventTimeWindows.of(Duration.ofMillis(10), Duration.ofMillis(5));
    assertThat(sliding.assignWindows(7)).containsExactlyInAnyOrder(new TimeWindow(5, 15), new TimeWindow(0, 10));
    assertThat(sliding.assignWindows(5)).containsExactlyInAnyOrder(new TimeWindow(5, 15), new TimeWindow(0, 10));
    assertThat(SlidingProcessingTimeWindows.of(Duration.ofMillis(9), Duration.ofMillis(3)).assignWindows(4))
        .containsExactlyInAnyOrder(new TimeWindow(3, 12), new TimeWindow(0, 9), new TimeWindow(-3, 6));
    assertThatThrownBy(() -> SlidingEventTimeWindows.of(Duration.ofMillis(5), Duration.ofMillis(10)))
        .hasMessageContaining("must not exceed its size");
  }

  @Test
  void sessionWindowsStartAtTheRecordAndMerge() {
    var sessions = EventTimeSessionWindows.withGap(Duration.ofMillis(30));
    assertThat(sessions.assignWindows(100)).containsExactly(new TimeWindow(100, 130));
    assertThat(sessions.isMerging()).isTrue();
    assertThat(ProcessingTimeSessionWindows.withGap(Duration.ofMillis(1)).isMerging()).isTrue();
    assertThatThrownBy(() -> EventTimeSessionWindows.withGap(Duration.ZERO)).hasMessageContaining("session gap");
  }
}
