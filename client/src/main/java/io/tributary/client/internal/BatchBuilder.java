package io.tributary.client.internal;

import io.tributary.proto.v1.Acks;
import io.tributary.proto.v1.PutRecordsRequest;
import io.tributary.proto.v1.ShardPut;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Fills one PutRecords request for a broker from the queues of its shards, within the request's
 * record and byte limits, and marks those shards in flight. Confined to the producer's sender
 * thread. Builds the protobuf request directly from the records' prepared entries.
 */
final class BatchBuilder {
  private final long producerId;
  private final int maxRecords;
  private final long maxBytes;
  private final PutRecordsRequest.Builder request;
  private final List<ShardQueue> queues = new ArrayList<>(4);
  private final List<PendingRecord[]> records = new ArrayList<>(4);
  private int count;
  private long bytes;

  /** @param producerId the idempotent producer's id, or 0 */
  BatchBuilder(String stream, Acks acks, long producerId, int maxRecords, long maxBytes) {
    this.producerId = producerId;
    this.maxRecords = maxRecords;
    this.maxBytes = maxBytes;
    this.request = PutRecordsRequest.newBuilder().setStream(stream).setAcks(acks).setProducerId(producerId);
  }

  boolean isEmpty() {
    return count == 0;
  }

  boolean isFull() {
    return count >= maxRecords || bytes >= maxBytes;
  }

  /** Whether all of {@code q}'s records fit beside what the request holds. */
  boolean fits(ShardQueue q) {
    return count + q.size() <= maxRecords && bytes + q.bytes() <= maxBytes;
  }

  /** Moves as many of {@code q}'s records as fit (at least one into an empty request). */
  void take(ShardQueue q) {
    int n = 0;
    long b = 0;
    for (PendingRecord r : q.records()) {
      if (count + n >= maxRecords || (count + n > 0 && bytes + b + r.size > maxBytes)) {
        break;
      }
      n++;
      b += r.size;
    }
    if (n == 0) {
      return;
    }
    PendingRecord[] taken = new PendingRecord[n];
    ShardPut.Builder put = ShardPut.newBuilder().setShardId(q.shardId);
    for (int i = 0; i < n; i++) {
      PendingRecord r = q.poll();
      taken[i] = r;
      put.addRecords(r.entry);
      if (producerId != 0) {
        q.number(r, producerId);
      }
    }
    if (producerId != 0) {
      put.setFirstProducerSequence(taken[0].producerSequence);
    }
    request.addShards(put);
    queues.add(q);
    records.add(taken);
    q.inFlight = true;
    count += n;
    bytes += b;
  }

  PutRecordsRequest request() {
    return request.build();
  }

  PutBatch batch(String address, ProducerInbox inbox, Consumer<PutBatch> done) {
    return new PutBatch(address,
        queues.toArray(ShardQueue[]::new), records.toArray(PendingRecord[][]::new), inbox, done);
  }
}
