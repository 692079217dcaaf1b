package io.tributary.client.fake;

import io.tributary.common.error.Errors;
import io.tributary.common.stream.HashKeyRange;
import io.tributary.common.stream.ShardIds;
import io.tributary.proto.v1.HashKeyRange.Builder;
import io.tributary.proto.v1.ShardInfo;
import io.tributary.proto.v1.ShardState;
import io.tributary.proto.v1.StreamDescription;
import io.tributary.proto.v1.StreamStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/** The stream descriptions fake coordinators serve, shared by a leader and its standbys. Thread-safe. */
public final class FakeCatalog {
  private final Map<String, StreamDescription> streams = new ConcurrentHashMap<>();
  private final List<String> brokers = new ArrayList<>();
  public final AtomicInteger describes = new AtomicInteger();

  /** Brokers that new streams' shards are spread over, round-robin. */
  public synchronized FakeCatalog brokers(List<String> addresses) {
    brokers.clear();
    brokers.addAll(addresses);
    return this;
  }

  public synchronized StreamDescription create(String name, int shardCount) {
    if (streams.containsKey(name)) {
      throw new io.tributary.common.error.TributaryException(
          io.tributary.common.error.ErrorCode.RESOURCE_IN_USE, "stream '" + name + "' exists");
    }
    List<HashKeyRange> ranges = HashKeyRange.uniform(shardCount);
    StreamDescription.Builder d = StreamDescription.newBuilder()
        .setName(name)
        .setUid(name + "-1")
        .setStatus(StreamStatus.ACTIVE)
        .setRetentionHours(24)
        .setReplicationFactor(1)
        .setOpenShardCount(shardCount);
    for (int i = 0; i < shardCount; i++) {
      String leader = brokers.isEmpty() ? "" : brokers.get(i % brokers.size());
      d.addShards(shard(ShardIds.of(i), ranges.get(i), leader));
    }
    streams.put(name, d.build());
    return d.build();
  }

  public static ShardInfo shard(String id, HashKeyRange range, String leader) {
    Builder r = io.tributary.proto.v1.HashKeyRange.newBuilder()
        .setStartingHashKey(range.start().toString())
        .setEndingHashKey(range.end().toString());
    return ShardInfo.newBuilder()
        .setShardId(id)
        .setHashKeyRange(r)
        .setState(ShardState.OPEN)
        .setLeaderAddress(leader)
        .build();
  }

  public void put(StreamDescription d) {
    streams.put(d.getName(), d);
  }

  public StreamDescription describe(String name) {
    describes.incrementAndGet();
    StreamDescription d = streams.get(name);
    if (d == null) {
      throw Errors.streamNotFound(name);
    }
    return d;
  }

  public List<StreamDescription> all() {
    return List.copyOf(streams.values());
  }

  public void delete(String name) {
    if (streams.remove(name) == null) {
      throw Errors.streamNotFound(name);
    }
  }

  /** Changes one shard of a stream. */
  public void updateShard(String stream, String shardId, UnaryOperator<ShardInfo.Builder> change) {
    streams.computeIfPresent(stream, (n, d) -> {
      StreamDescription.Builder b = d.toBuilder();
      for (int i = 0; i < b.getShardsCount(); i++) {
        if (b.getShards(i).getShardId().equals(shardId)) {
          b.setShards(i, change.apply(b.getShards(i).toBuilder()));
        }
      }
      return b.build();
    });
  }

  /** Moves a shard's leadership to another broker address. */
  public void moveLeader(String stream, String shardId, String address) {
    updateShard(stream, shardId, s -> s.setLeaderAddress(address));
  }
}
