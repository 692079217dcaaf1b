package io.tributary.client.fake;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.Errors;
import io.tributary.common.error.TributaryException;
import io.tributary.common.stream.HashKey;
import io.tributary.common.stream.HashKeyRange;
import io.tributary.common.stream.ShardIds;
import io.tributary.proto.v1.HashKeyRange.Builder;
import io.tributary.proto.v1.RegisteredConsumer;
import io.tributary.proto.v1.ScalingEvent;
import io.tributary.proto.v1.ShardInfo;
import io.tributary.proto.v1.ShardState;
import io.tributary.proto.v1.StreamDescription;
import io.tributary.proto.v1.StreamStatus;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/** The stream descriptions fake coordinators serve, shared by a leader and its standbys. Thread-safe. */
public final class FakeCatalog {
  private final Map<String, StreamDescription> streams = new ConcurrentHashMap<>();
  private final List<String> brokers = new ArrayList<>();
  private final Map<String, RegisteredConsumer> consumers = new ConcurrentHashMap<>();
  public final AtomicInteger describes = new AtomicInteger();
  /** Told the closed shard ids and the created shards after each reshard (the cluster's brokers react). */
  public volatile BiConsumer<List<String>, List<ShardInfo>> onReshard = (closed, created) -> { };

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

  /** Splits an open shard in the middle of its range (or at {@code at}); the children lead on the parent's broker. */
  public synchronized StreamDescription split(String stream, String shardId, BigInteger at) {
    ShardInfo parent = open(stream, shardId);
    HashKeyRange range = range(parent);
    BigInteger start = range.start().toBigInteger();
    BigInteger end = range.end().toBigInteger();
    BigInteger second = at != null ? at : start.add(end).add(BigInteger.ONE).shiftRight(1);
    return reshard(stream, List.of(parent), List.of(
        new HashKeyRange(range.start(), HashKey.of(second.subtract(BigInteger.ONE))),
        new HashKeyRange(HashKey.of(second), range.end())), "split");
  }

  /** Merges two adjacent open shards into one child. */
  public synchronized StreamDescription merge(String stream, String shardId, String adjacentId) {
    List<ShardInfo> parents = new ArrayList<>(List.of(open(stream, shardId), open(stream, adjacentId)));
    parents.sort(Comparator.comparing(s -> range(s).start()));
    HashKeyRange low = range(parents.get(0));
    HashKeyRange high = range(parents.get(1));
    if (!low.end().toBigInteger().add(BigInteger.ONE).equals(high.start().toBigInteger())) {
      throw Errors.invalid("shards '" + shardId + "' and '" + adjacentId + "' are not adjacent");
    }
    return reshard(stream, parents, List.of(new HashKeyRange(low.start(), high.end())), "merge");
  }

  /** Closes every open shard and opens {@code n} uniform ones, each a child of the shards it overlaps. */
  public synchronized StreamDescription scale(String stream, int n) {
    List<ShardInfo> parents = describe(stream).getShardsList().stream()
        .filter(s -> s.getState() == ShardState.OPEN).toList();
    return reshard(stream, parents, HashKeyRange.uniform(n), "scale");
  }

  private StreamDescription reshard(String stream, List<ShardInfo> parents, List<HashKeyRange> ranges, String action) {
    StreamDescription d = describe(stream);
    int nextIndex = d.getShardsList().stream().mapToInt(s -> ShardIds.index(s.getShardId())).max().orElse(-1) + 1;
    StreamDescription.Builder b = d.toBuilder();
    Set<String> closing = new HashSet<>();
    parents.forEach(p -> closing.add(p.getShardId()));
    for (int i = 0; i < b.getShardsCount(); i++) {
      if (closing.contains(b.getShards(i).getShardId())) {
        b.setShards(i, b.getShards(i).toBuilder().setState(ShardState.CLOSED));
      }
    }
    List<ShardInfo> created = new ArrayList<>();
    for (HashKeyRange range : ranges) {
      String id = ShardIds.of(nextIndex++);
      ShardInfo.Builder child = shard(id, range, parents.get(created.size() % parents.size()).getLeaderAddress())
          .toBuilder();
      for (ShardInfo p : parents) {
        if (overlap(range, range(p))) {
          child.addParentShardIds(p.getShardId());
        }
      }
      created.add(child.build());
      b.addShards(child);
    }
    b.setOpenShardCount(d.getOpenShardCount() - parents.size() + created.size());
    b.addScalingEvents(0, ScalingEvent.newBuilder().setAction(action).setReason("operator")
        .addAllClosedShardIds(closing).addAllCreatedShardIds(created.stream().map(ShardInfo::getShardId).toList()));
    streams.put(stream, b.build());
    onReshard.accept(List.copyOf(closing), created);
    return b.build();
  }

  private ShardInfo open(String stream, String shardId) {
    ShardInfo s = describe(stream).getShardsList().stream()
        .filter(x -> x.getShardId().equals(shardId)).findFirst()
        .orElseThrow(() -> Errors.shardNotFound(stream, shardId));
    if (s.getState() != ShardState.OPEN) {
      throw Errors.invalid("shard '" + shardId + "' is closed");
    }
    return s;
  }

  public static HashKeyRange range(ShardInfo s) {
    return new HashKeyRange(
        HashKey.parse(s.getHashKeyRange().getStartingHashKey()), HashKey.parse(s.getHashKeyRange().getEndingHashKey()));
  }

  private static boolean overlap(HashKeyRange a, HashKeyRange b) {
    return a.start().compareTo(b.end()) <= 0 && b.start().compareTo(a.end()) <= 0;
  }

  /** Registers a push consumer of a stream. */
  public RegisteredConsumer register(String stream, String name) {
    describe(stream);
    RegisteredConsumer c = RegisteredConsumer.newBuilder().setStream(stream).setName(name).setCreatedMillis(1).build();
    if (consumers.putIfAbsent(stream + "/" + name, c) != null) {
      throw new TributaryException(ErrorCode.RESOURCE_IN_USE, "consumer '" + name + "' exists");
    }
    return c;
  }

  public void deregister(String stream, String name) {
    if (consumers.remove(stream + "/" + name) == null) {
      throw new TributaryException(ErrorCode.RESOURCE_NOT_FOUND, "consumer '" + name + "' does not exist");
    }
  }

  public List<RegisteredConsumer> consumers(String stream) {
    return consumers.values().stream().filter(c -> c.getStream().equals(stream))
        .sorted(Comparator.comparing(RegisteredConsumer::getName)).toList();
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
