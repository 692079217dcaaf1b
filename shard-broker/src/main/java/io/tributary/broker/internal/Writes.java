package io.tributary.broker.internal;

import io.tributary.broker.Appended;
import io.tributary.broker.ShardLogClosedException;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.Errors;
import io.tributary.common.error.TributaryException;
import io.tributary.common.stream.HashKey;
import io.tributary.common.stream.StreamMetadata;
import io.tributary.proto.v1.Acks;
import io.tributary.proto.v1.ErrorDetail;
import io.tributary.proto.v1.PutRecordsRequest;
import io.tributary.proto.v1.PutRecordsResponse;
import io.tributary.proto.v1.ShardPut;
import io.tributary.proto.v1.ShardPutResult;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Serves PutRecords: validates the whole request, then appends each shard batch to the shard it
 * names, reporting ownership, replication and quota problems per batch. The answer completes
 * when every batch is answered: at once with acks=leader, once committed with acks=all, so that
 * no thread waits for followers. Thread-safe (stateless beyond its registry and fence).
 */
final class Writes {
  private final ShardRegistry registry;
  private final LeadershipFence fence;
  private final IdempotentWrites idempotentWrites = new IdempotentWrites();

  Writes(ShardRegistry registry) {
    this(registry, LeadershipFence.none());
  }

  Writes(ShardRegistry registry, LeadershipFence fence) {
    this.registry = registry;
    this.fence = fence;
  }

  CompletableFuture<PutRecordsResponse> put(PutRecordsRequest request) {
    StreamState stream = writableStream(request.getStream());
    List<ShardPut> puts = request.getShardsList();
    for (ShardPut put : puts) {
      registry.shardId(stream, put.getShardId());
    }
    PutValidator.HashKeys hashKeys = PutValidator.validate(puts);
    long producerId = request.getProducerId();
    if (producerId != 0) {
      checkProducerSequences(puts, producerId);
    }
    boolean all = request.getAcks() == Acks.ACKS_ALL;
    @SuppressWarnings("unchecked")
    CompletableFuture<ShardPutResult>[] results = new CompletableFuture[puts.size()];
    int offset = 0;
    for (int i = 0; i < results.length; i++) {
      ShardPut put = puts.get(i);
      results[i] = putShard(stream, put, hashKeys, offset, producerId, all);
      offset += put.getRecordsCount();
    }
    return CompletableFuture.allOf(results).thenApply(done -> {
      PutRecordsResponse.Builder response = PutRecordsResponse.newBuilder();
      for (CompletableFuture<ShardPutResult> result : results) {
        response.addResults(result.join());
      }
      return response.build();
    });
  }

  private StreamState writableStream(String name) {
    StreamState stream = registry.stream(name);
    String status = stream.metadata().status();
    if (!StreamMetadata.ACTIVE.equals(status) && !StreamMetadata.UPDATING.equals(status)) {
      throw new TributaryException(
          ErrorCode.RESOURCE_IN_USE,
          "stream '" + name + "' is " + status + " and takes no writes; write once it is ACTIVE");
    }
    return stream;
  }

  private static void checkProducerSequences(List<ShardPut> puts, long producerId) {
    for (ShardPut put : puts) {
      if (put.getFirstProducerSequence() < 1) {
        throw Errors.invalid("the batch for shard " + put.getShardId() + " of idempotent producer " + producerId
            + " has first_producer_sequence " + put.getFirstProducerSequence()
            + "; a producer's sequences start at 1 in each shard");
      }
    }
  }

  private CompletableFuture<ShardPutResult> putShard(
      StreamState stream, ShardPut put, PutValidator.HashKeys keys, int offset, long producerId, boolean all) {
    String shardId = registry.shardId(stream, put.getShardId());
    LedShard shard = stream.led().get(shardId);
    if (shard == null) {
      return done(failed(put, ErrorCode.NOT_SHARD_OWNER,
          Errors.notShardOwner(stream.name(), shardId, registry.brokerId()).getMessage()));
    }
    shard.metrics().putRequest();
    ShardPutResult refused = refusal(shard, put, keys, offset, all);
    if (refused != null) {
      return done(refused);
    }
    long generation = fence.generation();
    if (producerId != 0) {
      IdempotentWrites.Outcome outcome = idempotentWrites.put(shard, put, producerId);
      return answer(shard, put, outcome.result(), all ? outcome.commitTarget() : -1, generation);
    }
    return answer(shard, put, appendPlain(shard, put), all, generation);
  }

  /** Why the batch cannot be written at all, or null. */
  private ShardPutResult refusal(LedShard shard, ShardPut put, PutValidator.HashKeys keys, int offset, boolean all) {
    if (!shard.acceptsWrites()) {
      return failed(put, ErrorCode.NOT_SHARD_OWNER, shard.closedMessage());
    }
    String fenced = shard.fenced();
    if (fenced != null) {
      return failed(put, ErrorCode.NOT_SHARD_OWNER, fenced);
    }
    int n = put.getRecordsCount();
    for (int i = 0; i < n; i++) {
      if (!shard.owns(keys.high()[offset + i], keys.low()[offset + i])) {
        return failed(put, ErrorCode.NOT_SHARD_OWNER, outsideRange(shard, i, keys, offset));
      }
    }
    if (all) {
      try {
        shard.replica().checkEnoughInSync();
      } catch (TributaryException e) {
        return failed(put, e.code(), e.getMessage());
      }
    }
    return null;
  }

  private static ShardPutResult appendPlain(LedShard shard, ShardPut put) {
    EntriesSource records = new EntriesSource(put.getRecordsList());
    int admitted = shard.writeQuota().admit(records);
    ShardPutResult.Builder result = ShardPutResult.newBuilder().setShardId(put.getShardId()).setAccepted(admitted);
    try {
      if (admitted > 0) {
        Appended appended = shard.append(records, admitted);
        result.setFirstSequenceNumber(appended.firstSequenceNumber()).setArrivalMillis(appended.arrivalMillis());
      }
    } catch (ShardLogClosedException e) {
      return failed(put, ErrorCode.NOT_SHARD_OWNER, e.getMessage());
    } catch (TributaryException sealedOrFencedMeanwhile) {
      // The shard was sealed or fenced between the checks and the append: nothing of the batch landed.
      return failed(put, sealedOrFencedMeanwhile.code(), sealedOrFencedMeanwhile.getMessage());
    }
    int n = put.getRecordsCount();
    if (admitted < n) {
      shard.metrics().throttled(n - admitted);
      result.setError(detail(ErrorCode.THROUGHPUT_EXCEEDED,
          shard.name() + " is over its write quota: accepted " + admitted + " of " + n
              + " records; retry the rest after a short pause"));
    }
    return result.build();
  }

  private CompletableFuture<ShardPutResult> answer(
      LedShard shard, ShardPut put, ShardPutResult result, boolean all, long generation) {
    long target = all && result.getAccepted() > 0 ? result.getFirstSequenceNumber() + result.getAccepted() : -1;
    return answer(shard, put, result, target, generation);
  }

  /** Answers {@code result} once {@code commitTarget} is committed (now if negative), if leadership held meanwhile. */
  private CompletableFuture<ShardPutResult> answer(
      LedShard shard, ShardPut put, ShardPutResult result, long commitTarget, long generation) {
    if (result.getAccepted() == 0 || commitTarget < 0) {
      return done(confirmed(shard, put, result, generation));
    }
    return shard.replica().awaitCommitted(commitTarget).handle((committed, error) -> {
      if (error == null) {
        return confirmed(shard, put, result, generation);
      }
      Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
      return cause instanceof TributaryException reason
          ? failed(put, reason.code(), reason.getMessage())
          : failed(put, ErrorCode.REPLICATION_TIMEOUT, shard.name() + " could not confirm the write on its in-sync "
              + "replicas (" + cause.getMessage() + "); its outcome is unknown: retry with an idempotent producer");
    });
  }

  /** The result, unless leadership came into doubt since the write began (then the writer must retry). */
  private ShardPutResult confirmed(LedShard shard, ShardPut put, ShardPutResult result, long generation) {
    if (result.getAccepted() == 0) {
      return result;
    }
    String fenced = shard.fenced();
    if (fenced == null && (fence.generation() != generation || !fence.fresh())) {
      fenced = LeadershipFence.revalidating(shard.name());
    }
    return fenced == null ? result : failed(put, ErrorCode.NOT_SHARD_OWNER, fenced);
  }

  private static String outsideRange(LedShard shard, int index, PutValidator.HashKeys keys, int offset) {
    HashKey key = new HashKey(keys.high()[offset + index], keys.low()[offset + index]);
    return "record " + index + " has hash key " + key + ", outside the range [" + shard.range().start() + ", "
        + shard.range().end() + "] of " + shard.name() + "; the shard map is stale: refresh it and retry";
  }

  private static CompletableFuture<ShardPutResult> done(ShardPutResult result) {
    return CompletableFuture.completedFuture(result);
  }

  static ShardPutResult failed(ShardPut put, ErrorCode code, String message) {
    return ShardPutResult.newBuilder().setShardId(put.getShardId()).setAccepted(0).setError(detail(code, message)).build();
  }

  static ErrorDetail detail(ErrorCode code, String message) {
    return ErrorDetail.newBuilder().setCode(code.shortName()).setMessage(message).build();
  }
}
