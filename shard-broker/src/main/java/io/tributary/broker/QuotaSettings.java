package io.tributary.broker;

/**
 * Per-shard throughput limits of provisioned streams, as Kinesis sets them by default. Immutable.
 *
 * @param enabled whether the broker enforces them at all
 */
public record QuotaSettings(
    boolean enabled,
    long writeBytesPerSecond,
    int writeRecordsPerSecond,
    long readBytesPerSecond,
    int readTransactionsPerSecond) {

  public static final QuotaSettings KINESIS_DEFAULTS =
      new QuotaSettings(true, 1024 * 1024, 1000, 2 * 1024 * 1024, 5);

  public static final QuotaSettings DISABLED = new QuotaSettings(false, 1, 1, 1, 1);
}
