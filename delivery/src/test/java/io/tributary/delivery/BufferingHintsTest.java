package io.tributary.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BufferingHintsTest {
  private static final long MIB = BufferingHints.MIB;

  @Test
  void defaultsAreFirehoses() {
    assertThat(BufferingHints.DEFAULT.sizeBytes()).isEqualTo(5 * MIB);
    assertThat(BufferingHints.DEFAULT.interval()).isEqualTo(Duration.ofSeconds(300));
    assertThat(BufferingHints.of(5, 300)).isEqualTo(BufferingHints.DEFAULT);
  }

  @Test
  void acceptsTheBoundsThemselves() {
    assertThat(BufferingHints.of(1, 0).sizeBytes()).isEqualTo(MIB);
    assertThat(BufferingHints.of(128, 900).interval()).isEqualTo(Duration.ofSeconds(900));
  }

  @Test
  void refusesASizeBelowOneMebibyte() {
    assertThatThrownBy(() -> new BufferingHints(MIB - 1, Duration.ZERO))
        .isInstanceOfSatisfying(TributaryException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .hasMessage("buffer size 1048575 bytes is below the minimum 1048576 bytes (1 MiB);"
            + " set --buffer-size between 1 MiB and 128 MiB");
  }

  @Test
  void refusesASizeAbove128Mebibytes() {
    assertThatThrownBy(() -> new BufferingHints(128 * MIB + 1, Duration.ZERO))
        .isInstanceOf(TributaryException.class)
        .hasMessage("buffer size 134217729 bytes is above the maximum 134217728 bytes (128 MiB);"
            + " set --buffer-size between 1 MiB and 128 MiB");
  }

  @Test
  void refusesANegativeIntervalOrOneAbove900Seconds() {
    assertThatThrownBy(() -> new BufferingHints(MIB, Duration.ofMillis(-1)))
        .isInstanceOfSatisfying(TributaryException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .hasMessage("buffer interval -1 ms is negative; set --buffer-interval between 0s and 900s");
    assertThatThrownBy(() -> new BufferingHints(MIB, Duration.ofSeconds(901)))
        .isInstanceOf(TributaryException.class)
        .hasMessage("buffer interval 901000 ms is above the maximum 900 s;"
            + " set --buffer-interval between 0s and 900s");
    assertThatThrownBy(() -> new BufferingHints(MIB, null))
        .isInstanceOf(TributaryException.class)
        .hasMessage("buffer interval is missing; set --buffer-interval between 0s and 900s");
  }

  @Test
  void flushesWhenTheSizeIsReachedBeforeTheInterval() {
    BufferingHints hints = BufferingHints.of(1, 60);
    assertThat(hints.shouldFlush(MIB - 1, 1_000, 1_000)).isFalse();
    assertThat(hints.shouldFlush(MIB, 1_000, 1_000)).isTrue();
  }

  @Test
  void flushesWhenTheIntervalElapsesBeforeTheSize() {
    BufferingHints hints = BufferingHints.of(1, 60);
    assertThat(hints.shouldFlush(10, 1_000, 60_999)).isFalse();
    assertThat(hints.shouldFlush(10, 1_000, 61_000)).isTrue();
  }

  @Test
  void aZeroIntervalFlushesAtOnceButNeverAnEmptyBuffer() {
    BufferingHints hints = BufferingHints.of(1, 0);
    assertThat(hints.shouldFlush(1, 5_000, 5_000)).isTrue();
    assertThat(hints.shouldFlush(0, 0, Long.MAX_VALUE)).isFalse();
  }
}
