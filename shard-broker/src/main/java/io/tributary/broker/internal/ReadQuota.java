package io.tributary.broker.internal;

import io.tributary.broker.QuotaSettings;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import java.time.Clock;

/**
 * A shard's read quota for get-records calls: calls per second and bytes per second, shared by all
 * callers. Thread-safe.
 *
 * <p>The size of an answer is known only after reading, so a call may overdraw the byte bucket; the
 * debt then throttles the following calls until it is paid back, as Kinesis does after a 10 MiB read.
 */
final class ReadQuota {
  private final boolean enabled;
  private final QuotaSettings settings;
  private final TokenBucket calls;
  private final TokenBucket bytes;

  ReadQuota(QuotaSettings settings, Clock clock) {
    this.enabled = settings.enabled();
    this.settings = settings;
    this.calls = new TokenBucket(settings.readTransactionsPerSecond(), settings.readTransactionsPerSecond(), clock);
    this.bytes = new TokenBucket(settings.readBytesPerSecond(), settings.readBytesPerSecond(), clock);
  }

  /**
   * Takes one call token.
   *
   * @throws TributaryException THROUGHPUT_EXCEEDED if the shard is over its read quota
   */
  synchronized void acquireCall(String shardName) {
    if (!enabled) {
      return;
    }
    if (calls.available() < 1 || bytes.available() <= 0) {
      throw new TributaryException(
          ErrorCode.THROUGHPUT_EXCEEDED,
          shardName + " is over its read quota (" + settings.readTransactionsPerSecond() + " GetRecords calls/s, "
              + settings.readBytesPerSecond() + " bytes/s); retry after a short pause, or use Subscribe, "
              + "which has no shared quota");
    }
    calls.take(1);
  }

  /** Charges the bytes a call returned. */
  synchronized void charge(long returnedBytes) {
    if (enabled) {
      bytes.take(returnedBytes);
    }
  }
}
