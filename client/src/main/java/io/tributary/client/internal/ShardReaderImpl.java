package io.tributary.client.internal;

import io.tributary.client.GetRecordsResult;
import io.tributary.client.Position;
import io.tributary.client.ReceivedRecord;
import io.tributary.client.ShardReader;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.Errors;
import io.tributary.common.error.TributaryException;
import io.tributary.common.stream.Limits;
import io.tributary.proto.v1.GetRecordsResponse;
import java.util.List;

/**
 * Reads one shard through get-records, renewing its iterator: after an expired iterator, a moved
 * shard or an unreachable broker it asks the (possibly new) leader for a fresh one after the last
 * record it delivered. Confined to one thread. The caller sees each record once, in order, however
 * often the iterator is replaced.
 */
public final class ShardReaderImpl implements ShardReader {
  private final ClientContext context;
  private final ShardCalls calls;
  private final String stream;
  private final String shardId;
  private final Position start;
  private String iterator;
  private long lastSequence = -1;
  private long millisBehindLatest;
  private boolean finished;
  private boolean closed;

  public ShardReaderImpl(ClientContext context, ShardCalls calls, String stream, String shardId, Position start) {
    this.context = context;
    this.calls = calls;
    this.stream = stream;
    this.shardId = shardId;
    this.start = start;
  }

  public String shardId() {
    return shardId;
  }

  @Override
  public GetRecordsResult poll(int limit) {
    if (closed) {
      throw new IllegalStateException("shard reader of '" + shardId + "' is closed");
    }
    if (limit < 1 || limit > Limits.MAX_GET_RECORDS) {
      throw Errors.invalid("limit must be 1 to " + Limits.MAX_GET_RECORDS + ", got " + limit);
    }
    if (finished) {
      return new GetRecordsResult(List.of(), null, 0);
    }
    Retrier retrier = context.retrier();
    boolean renewed = false;
    while (true) {
      try {
        if (iterator == null) {
          iterator = calls.iteratorOnce(stream, shardId, resumePosition());
        }
        return accept(calls.recordsOnce(stream, shardId, iterator, limit));
      } catch (TributaryException e) {
        if (e.code() == ErrorCode.EXPIRED_ITERATOR && !renewed) {
          renewed = true; // an iterator lives five minutes: renew at once, once
          iterator = null;
          continue;
        }
        if (!e.retryable() && e.code() != ErrorCode.EXPIRED_ITERATOR) {
          throw e;
        }
        if (!retrier.backOff()) {
          throw retrier.gaveUp(e);
        }
        if (e.code() != ErrorCode.THROUGHPUT_EXCEEDED) {
          iterator = null; // a new leader issues its own iterators
        }
      }
    }
  }

  private Position resumePosition() {
    return lastSequence >= 0 ? Position.afterSequence(lastSequence) : start;
  }

  private GetRecordsResult accept(GetRecordsResponse response) {
    List<ReceivedRecord> records = RecordDecoder.decode(shardId, response.getRecords());
    if (!records.isEmpty()) {
      lastSequence = records.get(records.size() - 1).sequenceNumber();
    }
    millisBehindLatest = response.getMillisBehindLatest();
    String next = response.getNextShardIterator();
    finished = next.isEmpty();
    iterator = finished ? null : next;
    return new GetRecordsResult(records, iterator, millisBehindLatest);
  }

  /** The sequence number of the last record delivered, or -1. */
  public long lastSequence() {
    return lastSequence;
  }

  public long millisBehindLatest() {
    return millisBehindLatest;
  }

  @Override
  public boolean finished() {
    return finished;
  }

  @Override
  public void close() {
    closed = true;
    iterator = null;
  }

  @Override
  public String toString() {
    return "ShardReader[" + stream + "/" + shardId + " after " + lastSequence + (finished ? ", finished" : "") + "]";
  }
}
