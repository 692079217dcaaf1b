package io.tributary.worker.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.api.metrics.Counter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SubtaskMetricGroupTest {
  private final SubtaskMetricGroup group = new SubtaskMetricGroup();

  @Test
  void aNameRegisteredTwiceIsOneCounterAndGaugesAreReadAtEachReading() {
    AtomicLong age = new AtomicLong(5);
    group.counter("delivery.records_in").inc(3);
    group.counter("delivery.records_in").inc();
    group.gauge("delivery.oldest_undelivered_age_ms", age::get);

    assertThat(group.read()).containsExactly(Map.entry("delivery.oldest_undelivered_age_ms", 5L),
        Map.entry("delivery.records_in", 4L));
    age.set(9);
    assertThat(group.read()).containsEntry("delivery.oldest_undelivered_age_ms", 9L);
  }

  @Test
  void aGaugeThatThrowsIsLeftOutOfThatReadingOnly() {
    AtomicLong calls = new AtomicLong();
    group.counter("a.count").inc(2);
    group.gauge("a.broken", () -> {
      if (calls.incrementAndGet() == 1) {
        throw new IllegalStateException("not ready");
      }
      return 7;
    });

    assertThat(group.read()).containsExactly(Map.entry("a.count", 2L));
    assertThat(group.read()).containsExactly(Map.entry("a.broken", 7L), Map.entry("a.count", 2L));
  }

  @Test
  void countersAddUpAcrossThreads() throws InterruptedException {
    Counter counter = group.counter("a.count");
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread thread = new Thread(() -> {
        for (int i = 0; i < 10_000; i++) {
          counter.inc();
        }
      });
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join(10_000);
    }
    assertThat(group.read()).containsEntry("a.count", 40_000L);
  }

  @Test
  void badNamesAndACounterAndGaugeOfOneNameAreRefusedWithTheFix() {
    assertThatThrownBy(() -> group.counter("Records In")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'Records In'").hasMessageContaining("e.g. 'delivery.records_in'");
    group.counter("a.count");
    assertThatThrownBy(() -> group.gauge("a.count", () -> 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already registered as a counter");
  }
}
