package io.tributary.client.internal;

import io.tributary.client.PutRecord;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.common.grpc.GrpcErrors;
import io.tributary.common.stream.Limits;
import io.tributary.proto.v1.Acks;
import io.tributary.proto.v1.PutRecordsRequest;
import io.tributary.proto.v1.ShardPut;
import io.tributary.proto.v1.ShardPutResult;
import io.tributary.proto.v1.ShardState;
import java.util.List;

/**
 * Writes records to one shard under a caller-chosen idempotent producer id and producer sequences,
 * retrying until every record is acknowledged: the broker writes each (producer, shard, sequence)
 * once, so the same call repeated after a crash writes nothing twice. Thread-safe (stateless apart
 * from its collaborators).
 *
 * <p>Unlike a {@link io.tributary.client.Producer} it never re-routes: a record numbered for a shard
 * that a reshard closed cannot move to a child without risking a second copy there, so that fails.
 */
public final class SequencedPutCall {
  private final ClientContext context;

  public SequencedPutCall(ClientContext context) {
    this.context = context;
  }

  /** The id of the open shard that takes {@code partitionKey} now. */
  public String shardFor(String stream, String partitionKey) {
    String shardId = route(context.maps().get(stream), partitionKey);
    if (shardId == null) {
      shardId = route(context.maps().refresh(stream), partitionKey);
    }
    if (shardId == null) {
      throw new TributaryException(ErrorCode.UNAVAILABLE, "no open shard of stream '" + stream
          + "' covers partition key '" + partitionKey + "'; it is being resharded, retry");
    }
    return shardId;
  }

  private static String route(ShardMap map, String partitionKey) {
    int shard = map.route(PutRecordsCall.hashKey(partitionKey, null));
    return shard < 0 ? null : map.shardId(shard);
  }

  /** Writes {@code records} with producer sequences {@code firstSequence, firstSequence + 1, ...}. */
  public void put(String stream, String shardId, long producerId, long firstSequence, List<PutRecord> records) {
    if (producerId <= 0 || firstSequence < 1) {
      throw new IllegalArgumentException("producer id must be positive and sequences start at 1, got producer "
          + producerId + " sequence " + firstSequence);
    }
    int from = 0;
    Retrier retrier = context.retrier();
    while (from < records.size()) {
      int to = chunkEnd(records, from);
      int accepted = attempt(stream, shardId, producerId, firstSequence + from, records.subList(from, to));
      if (accepted > 0) {
        from += accepted;
        retrier = context.retrier(); // progress: a fresh budget for what is left
      } else if (!retrier.backOff()) {
        throw retrier.gaveUp(new TributaryException(ErrorCode.UNAVAILABLE, "shard '" + shardId + "' of stream '"
            + stream + "' accepted none of " + (records.size() - from) + " records"));
      }
    }
  }

  /** End of the largest request from {@code from} within the PutRecords limits. */
  private static int chunkEnd(List<PutRecord> records, int from) {
    long bytes = 0;
    int end = from;
    while (end < records.size() && end - from < Limits.MAX_BATCH_RECORDS) {
      bytes += RecordChecks.check(records.get(end));
      if (bytes > Limits.MAX_BATCH_BYTES && end > from) {
        break;
      }
      end++;
    }
    return end;
  }

  /** One request; how many records it wrote (0 after a retryable failure), or throws a final one. */
  private int attempt(String stream, String shardId, long producerId, long first, List<PutRecord> chunk) {
    ShardMap map = context.maps().get(stream);
    String leader = leaderOrNull(stream, shardId, map);
    if (leader == null) {
      return 0;
    }
    ShardPut.Builder put = ShardPut.newBuilder().setShardId(shardId).setFirstProducerSequence(first);
    for (PutRecord r : chunk) {
      put.addRecords(PutRecordsCall.entry(r.partitionKey(), r.data(), r.explicitHashKey()));
    }
    PutRecordsRequest request = PutRecordsRequest.newBuilder()
        .setStream(stream).setAcks(Acks.ACKS_ALL).setProducerId(producerId).addShards(put).build();
    try {
      ShardPutResult result = context.brokers().blocking(leader).putRecords(request).getResults(0);
      if (result.getAccepted() < chunk.size() && result.hasError()) {
        failed(stream, shardId, map, leader, ErrorCode.fromShortName(result.getError().getCode()),
            result.getError().getMessage());
      }
      return result.getAccepted();
    } catch (RuntimeException e) {
      TributaryException te = e instanceof TributaryException t ? t : GrpcErrors.fromGrpc(e);
      failed(stream, shardId, map, leader, te.code(), te.getMessage());
      return 0;
    }
  }

  private String leaderOrNull(String stream, String shardId, ShardMap map) {
    var shard = map.shard(shardId).or(() -> context.maps().refresh(stream).shard(shardId));
    if (shard.isEmpty()) {
      throw new TributaryException(ErrorCode.RESOURCE_NOT_FOUND, "shard '" + shardId + "' of stream '" + stream
          + "' no longer exists (retention or deletion), so records numbered for it cannot be written");
    }
    String leader = shard.get().getLeaderAddress();
    if (leader.isEmpty()) {
      context.maps().invalidate(stream, map);
      return null;
    }
    return leader;
  }

  /** Throws unless the failure is worth another attempt; refreshes what it made stale. */
  private void failed(String stream, String shardId, ShardMap map, String leader, ErrorCode code, String message) {
    if (!ShardFailures.retriesWrite(code)) {
      throw new TributaryException(code, message);
    }
    if (PutRecordsCall.movedShard(code)) {
      context.maps().invalidate(stream, map);
      if (closedNow(stream, shardId)) {
        throw new TributaryException(ErrorCode.RESOURCE_IN_USE, "shard '" + shardId + "' of stream '" + stream
            + "' was closed by a reshard while records numbered for it waited to be written; writing them to its"
            + " children could duplicate them, so they fail: do not reshard a stream an exactly-once sink writes"
            + " while its job runs (stop the job with a savepoint, reshard, start it again)");
      }
    }
    if (code == ErrorCode.UNAVAILABLE) {
      context.brokers().reconnect(leader);
    }
  }

  private boolean closedNow(String stream, String shardId) {
    return context.maps().refresh(stream).shard(shardId)
        .map(s -> s.getState() == ShardState.CLOSED)
        .orElse(true);
  }
}
