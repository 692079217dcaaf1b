package io.tributary.broker;

import java.time.Duration;

/**
 * How much a broker remembers of idempotent producers per shard. Immutable.
 *
 * @param window producers idle longer than this are forgotten, and a reopened log is scanned back
 *     this far in arrival time to rebuild what the broker knew
 * @param maxRecords the most records a reopened log is scanned for, so opening stays bounded
 * @param maxProducers the most producers tracked per shard; the least recently used goes first
 */
public record ProducerStateSettings(Duration window, long maxRecords, int maxProducers) {
  public static final ProducerStateSettings DEFAULTS =
      new ProducerStateSettings(Duration.ofMinutes(5), 2_000_000, 10_000);

  public ProducerStateSettings {
    if (window.isNegative() || window.isZero() || maxRecords < 0 || maxProducers < 1) {
      throw new IllegalArgumentException("producer state settings need a positive window, maxRecords >= 0 and"
          + " maxProducers >= 1; got " + window + ", " + maxRecords + ", " + maxProducers);
    }
  }
}
