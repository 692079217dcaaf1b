package io.tributary.broker;

/**
 * Per-shard throughput limits of provisioned streams, as Kinesis sets them by default. Immutable.
 *
 * @param enabled whether the broker enforces them at all
 * @param subscribeBytesPerSecond what each registered consumer may read of each shard by Subscribe
 */
public record QuotaSettings(
    boolean enabled,
    long writeBytesPerSecond,
    int writeRecordsPerSecond,
    long readBytesPerSecond,
    int readTransactionsPerSecond,
    long subscribeBytesPerSecond) {

  /** Kinesis's enhanced fan-out rate: 2 MiB/s per consumer and shard. */
  public static final long DEFAULT_SUBSCRIBE_BYTES_PER_SECOND = 2 * 1024 * 1024;

  public static final QuotaSettings KINESIS_DEFAULTS =
      new QuotaSettings(true, 1024 * 1024, 1000, 2 * 1024 * 1024, 5, DEFAULT_SUBSCRIBE_BYTES_PER_SECOND);

  public static final QuotaSettings DISABLED = new QuotaSettings(false, 1, 1, 1, 1, 1);

  /** Limits with the default subscribe quota. */
  public QuotaSettings(
      boolean enabled,
      long writeBytesPerSecond,
      int writeRecordsPerSecond,
      long readBytesPerSecond,
      int readTransactionsPerSecond) {
    this(enabled, writeBytesPerSecond, writeRecordsPerSecond, readBytesPerSecond, readTransactionsPerSecond,
        DEFAULT_SUBSCRIBE_BYTES_PER_SECOND);
  }
}
