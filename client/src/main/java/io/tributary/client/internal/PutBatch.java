package io.tributary.client.internal;

import io.grpc.stub.StreamObserver;
import io.tributary.client.PutResult;
import io.tributary.common.error.TributaryException;
import io.tributary.common.grpc.GrpcErrors;
import io.tributary.proto.v1.PutRecordsResponse;
import io.tributary.proto.v1.ShardPutResult;
import java.util.function.Consumer;

/**
 * One PutRecords request in flight: the shards it carries and their records. Its answer arrives on
 * a gRPC thread, which completes the accepted records' futures right there, in one pass, and hands
 * the rest (failures, the shards' in-flight state) back to the sender thread. The answer fields are
 * published through the sender's event queue. Keeping acknowledgement off the sender thread lets it
 * batch while answers are processed.
 */
final class PutBatch implements StreamObserver<PutRecordsResponse> {
  final String address;
  final ShardQueue[] queues;
  final PendingRecord[][] records;
  private final ProducerInbox inbox;
  private final Consumer<PutBatch> done;
  private PutRecordsResponse response;
  private TributaryException error;

  PutBatch(String address, ShardQueue[] queues, PendingRecord[][] records, ProducerInbox inbox,
      Consumer<PutBatch> done) {
    this.address = address;
    this.queues = queues;
    this.records = records;
    this.inbox = inbox;
    this.done = done;
  }

  @Override
  public void onNext(PutRecordsResponse answer) {
    response = answer;
    int finished = 0;
    for (int p = 0; p < records.length; p++) {
      finished += accepted(p);
    }
    // room first: a callback of these futures may send again and must not wait for its own records
    inbox.release(finished);
    for (int p = 0; p < records.length; p++) {
      int accepted = accepted(p);
      if (accepted > 0) {
        PendingRecord[] shard = records[p];
        String shardId = queues[p].shardId;
        long first = answer.getResults(p).getFirstSequenceNumber();
        // -1: a retried duplicate the broker no longer remembers; written, number unknown
        long step = first < 0 ? 0 : 1;
        for (int k = 0; k < accepted; k++) {
          shard[k].complete(PutResult.ok(shardId, first + k * step));
        }
      }
    }
  }

  @Override
  public void onError(Throwable t) {
    if (response == null) {
      error = GrpcErrors.fromGrpc(t); // after an answer, its results stand
    }
    done.accept(this);
  }

  @Override
  public void onCompleted() {
    done.accept(this);
  }

  /** How many records of part {@code p} the broker accepted (0 when the request failed). */
  int accepted(int p) {
    if (response == null || p >= response.getResultsCount()) {
      return 0;
    }
    return Math.max(0, Math.min(response.getResults(p).getAccepted(), records[p].length));
  }

  /** The broker's result for part {@code p}, or null when it sent none. */
  ShardPutResult result(int p) {
    return response == null || p >= response.getResultsCount() ? null : response.getResults(p);
  }

  /** The request's failure, or null when the broker answered. */
  TributaryException error() {
    return error;
  }
}
