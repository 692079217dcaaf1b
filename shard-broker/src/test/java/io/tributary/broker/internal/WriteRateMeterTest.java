package io.tributary.broker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.time.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The write rate over the last ten whole seconds, on a manual clock. */
class WriteRateMeterTest {
  private static final long START = 1_800_000_000_000L;
  private final ManualClock clock = new ManualClock(START);
  private final WriteRateMeter meter = new WriteRateMeter(clock);

  @Test
  void aSteadyLoadReadsAsItsRateOnceTheWindowIsFull() {
    for (int second = 0; second < 10; second++) {
      meter.record(100, 10_000);
      meter.record(50, 5_000);
      clock.advance(Duration.ofSeconds(1));
    }

    assertThat(meter.recordsPerSecond()).isEqualTo(150.0);
    assertThat(meter.bytesPerSecond()).isEqualTo(15_000.0);
  }

  @Test
  void theSecondUnderWayIsNotCountedUntilItIsOver() {
    meter.record(1_000, 1_000);
    assertThat(meter.recordsPerSecond()).isZero();

    clock.advance(Duration.ofMillis(999));
    assertThat(meter.recordsPerSecond()).isZero();

    clock.advance(Duration.ofMillis(1));
    assertThat(meter.recordsPerSecond()).isEqualTo(100.0);
    assertThat(meter.bytesPerSecond()).isEqualTo(100.0);
  }

  @Test
  void writesOlderThanTheWindowDropOutAndReusedSlotsStartFromZero() {
    meter.record(500, 500);
    clock.advance(Duration.ofSeconds(10));
    assertThat(meter.recordsPerSecond()).isEqualTo(50.0);

    clock.advance(Duration.ofSeconds(1));
    assertThat(meter.recordsPerSecond()).isZero();

    // The same ring slot as the first write, ten seconds on: it must not add to the old count.
    clock.advance(Duration.ofSeconds(9));
    meter.record(20, 20);
    clock.advance(Duration.ofSeconds(1));
    assertThat(meter.recordsPerSecond()).isEqualTo(2.0);
  }

  @Test
  void aClockSteppingBackChargesTheNewestSecond() {
    clock.advance(Duration.ofSeconds(5));
    meter.record(10, 10);
    clock.set(START - 20_000);
    meter.record(10, 10);
    clock.set(START + 6_000);

    assertThat(meter.recordsPerSecond()).isEqualTo(2.0);
  }
}
