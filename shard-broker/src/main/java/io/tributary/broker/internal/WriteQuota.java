package io.tributary.broker.internal;

import io.tributary.broker.AppendSource;
import io.tributary.broker.QuotaSettings;
import io.tributary.common.stream.Limits;
import java.time.Clock;

/**
 * A shard's write quota: records per second and bytes (partition key plus data) per second.
 * Thread-safe.
 *
 * <p>It admits the longest prefix of a batch that fits, so that the accepted records keep the
 * producer's order and the rest can be retried as they are.
 */
final class WriteQuota {
  private final boolean enabled;
  private final TokenBucket records;
  private final TokenBucket bytes;

  WriteQuota(QuotaSettings settings, Clock clock) {
    this.enabled = settings.enabled();
    this.records = new TokenBucket(settings.writeRecordsPerSecond(), settings.writeRecordsPerSecond(), clock);
    this.bytes =
        new TokenBucket(settings.writeBytesPerSecond(),
            Math.max(settings.writeBytesPerSecond(), Limits.MAX_RECORD_BYTES), clock);
  }

  /** How many leading records of {@code batch} may be written now; takes their tokens. */
  synchronized int admit(AppendSource batch) {
    int n = batch.size();
    if (!enabled) {
      return n;
    }
    double recordTokens = records.available();
    double byteTokens = bytes.available();
    int admitted = 0;
    long size = 0;
    while (admitted < n && admitted + 1 <= recordTokens) {
      long next = size + batch.partitionKey(admitted).size() + batch.data(admitted).size();
      if (next > byteTokens) {
        break;
      }
      size = next;
      admitted++;
    }
    records.take(admitted);
    bytes.take(size);
    return admitted;
  }
}
