package io.tributary.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BenchResultTest {

  @Test
  void resultLineHasTheFieldsScriptsParse() {
    LatencyStats latency = new LatencyStats();
    for (int i = 1; i <= 100; i++) {
      latency.record(i * 1_000_000L);
    }

    BenchResult result = new BenchResult(200_000, 200_000 * 100L, Duration.ofMillis(1250), latency.summary());

    assertThat(result.line()).matches(
        "RESULT records=200000 seconds=1\\.250 records_per_s=160000\\.0 mb_per_s=15\\.26 p50_ms=50\\.\\d\\d p99_ms=99\\.\\d\\d");
  }

  @Test
  void withoutLatencyTheLatencyFieldsAreLeftOut() {
    BenchResult result = new BenchResult(10, 1024 * 1024, Duration.ofSeconds(2), null);

    assertThat(result.line()).isEqualTo("RESULT records=10 seconds=2.000 records_per_s=5.0 mb_per_s=0.50");
  }
}
