package io.tributary.delivery.destination;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.time.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryingDeliveryTest {
  private static final DeliveryBatch BATCH = new DeliveryBatch("p/o-1", new byte[] {1}, List.of(), 1, 1, 0);

  private final ManualClock clock = new ManualClock(1_000_000);
  private final List<Duration> waits = new ArrayList<>();
  private final RetryingDelivery.Sleeper sleeper = d -> {
    waits.add(d);
    clock.advance(d);
  };

  /** Fails its first {@code failures} attempts. */
  private static final class Flaky implements Destination {
    final AtomicInteger attempts = new AtomicInteger();
    final int failures;

    Flaky(int failures) {
      this.failures = failures;
    }

    @Override
    public void deliver(DeliveryBatch batch) throws Exception {
      if (attempts.incrementAndGet() <= failures) {
        throw new java.io.IOException("store down (attempt " + attempts.get() + ")");
      }
    }

    @Override
    public String describe() {
      return "flaky";
    }
  }

  @Test
  void backsOffExponentiallyFrom200msTo10s() {
    Flaky d = new Flaky(9);
    AtomicInteger failures = new AtomicInteger();
    var outcome = new RetryingDelivery(d, Duration.ofMinutes(5), clock, sleeper)
        .deliver(BATCH, () -> false, failures::incrementAndGet);

    assertThat(outcome).isEqualTo(new RetryingDelivery.Delivered(10));
    assertThat(failures).hasValue(9);
    assertThat(waits).extracting(Duration::toMillis)
        .containsExactly(200L, 400L, 800L, 1600L, 3200L, 6400L, 10_000L, 10_000L, 10_000L);
  }

  @Test
  void deliversAtOnceWithoutWaiting() {
    var outcome = new RetryingDelivery(new Flaky(0), Duration.ofMinutes(5), clock, sleeper)
        .deliver(BATCH, () -> false, () -> { });
    assertThat(outcome).isEqualTo(new RetryingDelivery.Delivered(1));
    assertThat(waits).isEmpty();
  }

  @Test
  void givesUpWhenTheRetryDurationHasPassedWithTheLastError() {
    Flaky d = new Flaky(Integer.MAX_VALUE);
    var outcome = new RetryingDelivery(d, Duration.ofSeconds(30), clock, sleeper)
        .deliver(BATCH, () -> false, () -> { });

    // 0.2+0.4+0.8+1.6+3.2+6.4+10 = 22.6 s, then the last wait is cut to the 7.4 s left
    assertThat(waits).extracting(Duration::toMillis)
        .containsExactly(200L, 400L, 800L, 1600L, 3200L, 6400L, 10_000L, 7400L);
    assertThat(outcome).isEqualTo(new RetryingDelivery.GaveUp(9, "store down (attempt 9)"));
  }

  @Test
  void aZeroRetryDurationMeansOneAttempt() {
    var outcome = new RetryingDelivery(new Flaky(1), Duration.ZERO, clock, sleeper)
        .deliver(BATCH, () -> false, () -> { });
    assertThat(outcome).isEqualTo(new RetryingDelivery.GaveUp(1, "store down (attempt 1)"));
    assertThat(waits).isEmpty();
  }

  @Test
  void stopsWhenAskedBetweenAttempts() {
    Flaky d = new Flaky(Integer.MAX_VALUE);
    var outcome = new RetryingDelivery(d, Duration.ofHours(1), clock, sleeper)
        .deliver(BATCH, () -> waits.size() >= 3, () -> { });
    assertThat(outcome).isEqualTo(new RetryingDelivery.Stopped(3));
    assertThat(d.attempts).hasValue(3);
  }

  @Test
  void stopsWhenInterruptedWhileWaiting() {
    RetryingDelivery.Sleeper interrupted = d -> {
      throw new InterruptedException();
    };
    var outcome = new RetryingDelivery(new Flaky(1), Duration.ofHours(1), clock, interrupted)
        .deliver(BATCH, () -> false, () -> { });
    assertThat(outcome).isEqualTo(new RetryingDelivery.Stopped(1));
    assertThat(Thread.interrupted()).isTrue();
  }

  @Test
  void deliversNothingWhenAlreadyStopped() {
    Flaky d = new Flaky(0);
    var outcome = new RetryingDelivery(d, Duration.ofHours(1), clock, sleeper).deliver(BATCH, () -> true, () -> { });
    assertThat(outcome).isEqualTo(new RetryingDelivery.Stopped(0));
    assertThat(d.attempts).hasValue(0);
  }
}
