package io.tributary.worker.exchange;

import java.time.Duration;

/**
 * @param batchSize elements per batch before it is handed over
 * @param queueCapacity batches a subpartition holds before its producer blocks
 * @param credits batches a remote consumer channel grants in flight
 * @param connectTimeout how long a consumer waits for a producer's partition to appear
 */
public record ExchangeSettings(int batchSize, int queueCapacity, int credits, Duration connectTimeout) {
  public static ExchangeSettings defaults() {
    return new ExchangeSettings(512, 4, 4, Duration.ofSeconds(30));
  }
}
