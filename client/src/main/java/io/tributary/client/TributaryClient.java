package io.tributary.client;

import io.tributary.proto.v1.Acks;
import io.tributary.proto.v1.ClusterStatus;
import io.tributary.proto.v1.StreamDescription;
import io.tributary.proto.v1.StreamMode;
import io.tributary.proto.v1.StreamSummary;
import java.util.List;
import java.util.function.Consumer;

/**
 * Entry point of the Java client: stream administration through the coordinators and data through
 * the brokers. Every failure is a {@link io.tributary.common.error.TributaryException}. Thread-safe;
 * share one per process.
 */
public final class TributaryClient implements AutoCloseable {

  public static TributaryClient connect(ClientOptions options) {
    throw new UnsupportedOperationException("not yet built");
  }

  /** Creates a stream; 0 for retention or replication picks the default. */
  public StreamDescription createStream(String name, int shards, int retentionHours, int replicationFactor, StreamMode mode) {
    throw new UnsupportedOperationException("not yet built");
  }

  public void deleteStream(String name) {
    throw new UnsupportedOperationException("not yet built");
  }

  public List<StreamSummary> listStreams() {
    throw new UnsupportedOperationException("not yet built");
  }

  public StreamDescription describeStream(String name, boolean withSequenceRanges) {
    throw new UnsupportedOperationException("not yet built");
  }

  public StreamDescription updateRetention(String name, int retentionHours) {
    throw new UnsupportedOperationException("not yet built");
  }

  public ClusterStatus clusterStatus() {
    throw new UnsupportedOperationException("not yet built");
  }

  /**
   * Kinesis PutRecords: up to 500 records and 5 MiB, one attempt, results in input order with
   * per-record failures (throughput exceeded, unavailable shard).
   */
  public List<PutResult> putRecords(String stream, List<PutRecord> records, Acks acks) {
    throw new UnsupportedOperationException("not yet built");
  }

  /** Kinesis PutRecord, retrying retryable failures for a bounded time. */
  public PutResult putRecord(String stream, PutRecord record, Acks acks) {
    throw new UnsupportedOperationException("not yet built");
  }

  public Producer newProducer(String stream, ProducerOptions options) {
    throw new UnsupportedOperationException("not yet built");
  }

  public String getShardIterator(String stream, String shardId, Position position) {
    throw new UnsupportedOperationException("not yet built");
  }

  /** Kinesis GetRecords on an iterator; the client finds the shard's broker from the iterator's shard. */
  public GetRecordsResult getRecords(String stream, String shardId, String shardIterator, int limit) {
    throw new UnsupportedOperationException("not yet built");
  }

  public ShardReader newShardReader(String stream, String shardId, Position position) {
    throw new UnsupportedOperationException("not yet built");
  }

  public StreamReader newStreamReader(String stream, Position position) {
    throw new UnsupportedOperationException("not yet built");
  }

  /** Pushes records of one shard to {@code handler} (on a client thread) as they arrive. */
  public Subscription subscribe(String stream, String shardId, Position position, Consumer<List<ReceivedRecord>> handler) {
    throw new UnsupportedOperationException("not yet built");
  }

  @Override
  public void close() {}
}
