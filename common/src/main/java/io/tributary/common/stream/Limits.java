package io.tributary.common.stream;

/** Limits of the stream API, as Kinesis Data Streams sets them. */
public final class Limits {
  public static final int MAX_RECORD_BYTES = 1024 * 1024;
  public static final int MAX_BATCH_RECORDS = 500;
  public static final int MAX_BATCH_BYTES = 5 * 1024 * 1024;
  public static final int MAX_PARTITION_KEY_CHARS = 256;
  public static final int MAX_GET_RECORDS = 10_000;
  public static final int MAX_GET_BYTES = 10 * 1024 * 1024;
  public static final int MIN_RETENTION_HOURS = 24;
  public static final int MAX_RETENTION_HOURS = 8760;
  public static final int DEFAULT_RETENTION_HOURS = 24;
  public static final long ITERATOR_TTL_MILLIS = 5 * 60 * 1000L;

  private Limits() {}
}
