package io.tributary.broker.internal;

import io.tributary.broker.ReadBatch;
import io.tributary.broker.ShardLog;
import io.tributary.common.error.Errors;
import io.tributary.common.stream.Limits;
import io.tributary.common.stream.ShardIterator;
import io.tributary.common.stream.ShardMetadata;
import io.tributary.proto.v1.GetRecordsRequest;
import io.tributary.proto.v1.GetRecordsResponse;
import io.tributary.proto.v1.GetShardIteratorRequest;
import io.tributary.proto.v1.GetShardIteratorResponse;
import io.tributary.proto.v1.GetShardStatsRequest;
import io.tributary.proto.v1.GetShardStatsResponse;
import io.tributary.proto.v1.HashKeyRange;
import io.tributary.proto.v1.ShardInfo;
import io.tributary.proto.v1.ShardState;
import io.tributary.proto.v1.ShardStats;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Serves GetShardIterator, GetRecords and GetShardStats for the shards this broker leads. Readers
 * see only committed records, below the high watermark: a record an unclean leader change could
 * still take back is never read. Thread-safe (stateless beyond its collaborators).
 */
final class Reads {
  private final ShardRegistry registry;
  private final ShardIteratorCodec iterators;
  private final Clock clock;

  Reads(ShardRegistry registry, ShardIteratorCodec iterators, Clock clock) {
    this.registry = registry;
    this.iterators = iterators;
    this.clock = clock;
  }

  GetShardIteratorResponse shardIterator(GetShardIteratorRequest request) {
    StreamState stream = registry.stream(request.getStream());
    LedShard shard = registry.led(stream, request.getShardId());
    long start = StartingPositions.resolve(request.getPosition(), shard);
    return GetShardIteratorResponse.newBuilder().setShardIterator(iteratorAt(shard, start)).build();
  }

  GetRecordsResponse records(GetRecordsRequest request) {
    int limit = request.getLimit();
    if (limit < 0 || limit > Limits.MAX_GET_RECORDS) {
      throw Errors.invalid(
          "limit " + limit + " is out of range; use 1 to " + Limits.MAX_GET_RECORDS + ", or 0 for "
              + Limits.MAX_GET_RECORDS);
    }
    ShardIterator iterator = iterators.decode(request.getShardIterator());
    StreamState stream = registry.stream(iterator.stream(), iterator.streamUid());
    LedShard shard = registry.led(stream, iterator.shardId());
    shard.readQuota().acquireCall(shard.name());
    ReadBatch batch = read(shard, iterator.sequenceNumber(), limit == 0 ? Limits.MAX_GET_RECORDS : limit);
    shard.readQuota().charge(batch.records().size());
    shard.metrics().served(batch.count());
    GetRecordsResponse.Builder response =
        GetRecordsResponse.newBuilder()
            .setRecords(batch.records())
            .setRecordCount(batch.count())
            .setMillisBehindLatest(batch.millisBehindLatest(clock.millis()));
    List<ShardMetadata> children =
        shard.finishedAt(batch.nextSequenceNumber()) ? registry.children(stream, shard.shardId()) : List.of();
    // The parent's CLOSED state can reach the broker before its children's nodes do; until they are
    // known, the reader keeps an iterator and asks again instead of ending without a way forward.
    if (!children.isEmpty()) {
      for (ShardMetadata child : children) {
        response.addChildShards(info(child));
      }
    } else {
      response.setNextShardIterator(iteratorAt(shard, batch.nextSequenceNumber()));
    }
    return response.build();
  }

  GetShardStatsResponse stats(GetShardStatsRequest request) {
    registry.checkCoordinatorEpoch(request.getCoordinatorEpoch());
    StreamState stream = registry.stream(request.getStream());
    List<LedShard> shards = new ArrayList<>();
    if (request.getShardIdsCount() == 0) {
      shards.addAll(stream.led().values());
      shards.sort(Comparator.comparing(LedShard::shardId));
    } else {
      for (String shardId : request.getShardIdsList()) {
        shards.add(registry.led(stream, shardId));
      }
    }
    GetShardStatsResponse.Builder response = GetShardStatsResponse.newBuilder();
    for (LedShard shard : shards) {
      response.addShards(stats(shard));
    }
    return response.build();
  }

  /** The committed end as next_sequence_number; sealed only once every record of a sealed shard is committed. */
  private static ShardStats stats(LedShard shard) {
    ShardLog log = shard.log();
    long logEnd = log.nextSequenceNumber();
    return ShardStats.newBuilder()
        .setShardId(shard.shardId())
        .setFirstSequenceNumber(log.firstSequenceNumber())
        .setNextSequenceNumber(Math.min(shard.highWatermark(), logEnd))
        .setLogEndSequenceNumber(logEnd)
        .putAllFollowerLogEnds(shard.replica().followerLogEnds())
        .setLastArrivalMillis(log.lastArrivalMillis())
        .setBytesOnDisk(log.bytesOnDisk())
        .setWriteRecordsPerSecond(shard.writeRate().recordsPerSecond())
        .setWriteBytesPerSecond(shard.writeRate().bytesPerSecond())
        .setSealed(shard.sealedAndCommitted())
        .build();
  }

  private static ReadBatch read(LedShard shard, long from, int limit) {
    try {
      return shard.log().read(from, limit, Limits.MAX_GET_BYTES, shard.highWatermark());
    } catch (IllegalArgumentException e) {
      throw Errors.invalid(
          "shard iterator points past the end of " + shard.name() + " (its next sequence number is "
              + shard.log().nextSequenceNumber() + "); get a new iterator with GetShardIterator");
    }
  }

  private String iteratorAt(LedShard shard, long sequence) {
    return iterators.encode(
        new ShardIterator(shard.stream().name(), shard.stream().uid(), shard.shardId(), sequence, clock.millis()));
  }

  private static ShardInfo info(ShardMetadata shard) {
    ShardInfo.Builder info =
        ShardInfo.newBuilder()
            .setShardId(shard.shardId())
            .setHashKeyRange(
                HashKeyRange.newBuilder()
                    .setStartingHashKey(shard.startingHashKey())
                    .setEndingHashKey(shard.endingHashKey()))
            .setState(shard.open() ? ShardState.OPEN : ShardState.CLOSED)
            .setLeaderBrokerId(shard.leader())
            .setLeaderEpoch(shard.leaderEpoch());
    if (shard.parentShardIds() != null) {
      info.addAllParentShardIds(shard.parentShardIds());
    }
    return info.build();
  }
}
