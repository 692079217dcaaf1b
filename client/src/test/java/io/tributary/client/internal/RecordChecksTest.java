package io.tributary.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecordChecksTest {
  @Test
  void countsPartitionKeysInUtf8Bytes() {
    assertThat(RecordChecks.utf8Length("abc")).isEqualTo(3);
    assertThat(RecordChecks.utf8Length("é")).isEqualTo(2);
    assertThat(RecordChecks.utf8Length("€")).isEqualTo(3);
    assertThat(RecordChecks.utf8Length("a\uD83D\uDE00b")).isEqualTo(6);
    String mixed = "k€y-é-\uD83D\uDE00";
    assertThat(RecordChecks.utf8Length(mixed)).isEqualTo(mixed.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
  }

  @Test
  void backOffDoublesUpToOneSecond() {
    java.time.Duration first = java.time.Duration.ofMillis(50);
    assertThat(Retrier.backoffNanos(first, 1)).isEqualTo(50_000_000L);
    assertThat(Retrier.backoffNanos(first, 2)).isEqualTo(100_000_000L);
    assertThat(Retrier.backoffNanos(first, 5)).isEqualTo(800_000_000L);
    assertThat(Retrier.backoffNanos(first, 6)).isEqualTo(1_000_000_000L);
    assertThat(Retrier.backoffNanos(first, 60)).isEqualTo(1_000_000_000L);
  }
}
