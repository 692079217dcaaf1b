package io.tributary.broker.internal;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;

/**
 * The counters of one led shard, looked up once when the shard opens. Thread-safe (lock-free adders).
 *
 * <p>Callers add once per batch, never per record, so counting costs a few adds per request.
 */
final class ShardMetrics {
  private final BrokerMetrics owner;
  private final String stream;
  private final String shardId;
  private final CounterDataPoint recordsAppended;
  private final CounterDataPoint bytesAppended;
  private final CounterDataPoint putRequests;
  private final CounterDataPoint throttledRecords;
  private final CounterDataPoint duplicateRecords;
  private final CounterDataPoint getRecordsCalls;
  private final CounterDataPoint recordsServed;
  private final CounterDataPoint recordsPushed;
  private final CounterDataPoint bytesPushed;

  ShardMetrics(BrokerMetrics owner, String stream, String shardId, CounterDataPoint recordsAppended,
      CounterDataPoint bytesAppended, CounterDataPoint putRequests, CounterDataPoint throttledRecords,
      CounterDataPoint duplicateRecords, CounterDataPoint getRecordsCalls, CounterDataPoint recordsServed,
      CounterDataPoint recordsPushed, CounterDataPoint bytesPushed) {
    this.owner = owner;
    this.stream = stream;
    this.shardId = shardId;
    this.recordsAppended = recordsAppended;
    this.bytesAppended = bytesAppended;
    this.putRequests = putRequests;
    this.throttledRecords = throttledRecords;
    this.duplicateRecords = duplicateRecords;
    this.getRecordsCalls = getRecordsCalls;
    this.recordsServed = recordsServed;
    this.recordsPushed = recordsPushed;
    this.bytesPushed = bytesPushed;
  }

  void appended(int records, long bytes) {
    recordsAppended.inc(records);
    bytesAppended.inc(bytes);
  }

  void putRequest() {
    putRequests.inc();
  }

  void throttled(int records) {
    throttledRecords.inc(records);
  }

  void duplicates(int records) {
    if (records > 0) {
      duplicateRecords.inc(records);
    }
  }

  void served(int records) {
    getRecordsCalls.inc();
    recordsServed.inc(records);
  }

  void pushed(int records, long bytes) {
    recordsPushed.inc(records);
    bytesPushed.inc(bytes);
  }

  /** Drops the shard's counters from the broker's metrics. */
  void forget() {
    owner.forget(stream, shardId);
  }
}
