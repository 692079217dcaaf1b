package io.tributary.broker.internal;

import io.tributary.broker.Appended;
import io.tributary.broker.ShardLogClosedException;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.Errors;
import io.tributary.common.error.TributaryException;
import io.tributary.common.stream.HashKey;
import io.tributary.common.stream.StreamMetadata;
import io.tributary.proto.v1.ErrorDetail;
import io.tributary.proto.v1.PutRecordsRequest;
import io.tributary.proto.v1.PutRecordsResponse;
import io.tributary.proto.v1.ShardPut;
import io.tributary.proto.v1.ShardPutResult;
import java.util.List;

/**
 * Serves PutRecords: validates the whole request, then appends each shard batch to the shard it
 * names, reporting ownership and quota problems per batch. Thread-safe (stateless beyond its
 * registry).
 */
final class Writes {
  private final ShardRegistry registry;
  private final IdempotentWrites idempotentWrites = new IdempotentWrites();

  Writes(ShardRegistry registry) {
    this.registry = registry;
  }

  PutRecordsResponse put(PutRecordsRequest request) {
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
    PutRecordsResponse.Builder response = PutRecordsResponse.newBuilder();
    int offset = 0;
    for (ShardPut put : puts) {
      response.addResults(putShard(stream, put, hashKeys, offset, producerId));
      offset += put.getRecordsCount();
    }
    return response.build();
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

  private ShardPutResult putShard(
      StreamState stream, ShardPut put, PutValidator.HashKeys keys, int offset, long producerId) {
    String shardId = registry.shardId(stream, put.getShardId());
    LedShard shard = stream.led().get(shardId);
    if (shard == null) {
      return failed(put, ErrorCode.NOT_SHARD_OWNER,
          Errors.notShardOwner(stream.name(), shardId, registry.brokerId()).getMessage());
    }
    shard.metrics().putRequest();
    if (!shard.acceptsWrites()) {
      return failed(put, ErrorCode.NOT_SHARD_OWNER, shard.closedMessage());
    }
    int n = put.getRecordsCount();
    for (int i = 0; i < n; i++) {
      if (!shard.owns(keys.high()[offset + i], keys.low()[offset + i])) {
        return failed(put, ErrorCode.NOT_SHARD_OWNER, outsideRange(shard, i, keys, offset));
      }
    }
    if (producerId != 0) {
      return idempotentWrites.put(shard, put, producerId);
    }
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
    } catch (TributaryException sealedMeanwhile) {
      // The shard was sealed between the check above and the append: nothing of the batch landed.
      return failed(put, sealedMeanwhile.code(), sealedMeanwhile.getMessage());
    }
    if (admitted < n) {
      shard.metrics().throttled(n - admitted);
      result.setError(detail(ErrorCode.THROUGHPUT_EXCEEDED,
          shard.name() + " is over its write quota: accepted " + admitted + " of " + n
              + " records; retry the rest after a short pause"));
    }
    return result.build();
  }

  private static String outsideRange(LedShard shard, int index, PutValidator.HashKeys keys, int offset) {
    HashKey key = new HashKey(keys.high()[offset + index], keys.low()[offset + index]);
    return "record " + index + " has hash key " + key + ", outside the range [" + shard.range().start() + ", "
        + shard.range().end() + "] of " + shard.name() + "; the shard map is stale: refresh it and retry";
  }

  static ShardPutResult failed(ShardPut put, ErrorCode code, String message) {
    return ShardPutResult.newBuilder().setShardId(put.getShardId()).setAccepted(0).setError(detail(code, message)).build();
  }

  static ErrorDetail detail(ErrorCode code, String message) {
    return ErrorDetail.newBuilder().setCode(code.shortName()).setMessage(message).build();
  }
}
