package io.tributary.coordinator;

import io.tributary.common.stream.ShardMetadata;
import io.tributary.common.zk.Registrations;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * Describes streams for any coordinator: metadata from ZooKeeper, leader addresses from the live
 * broker registrations and, on request, sequence ranges from the leaders. Thread-safe.
 *
 * <p>Reads never go through the event loop, so a standby serves them as well as the leader and a
 * slow change does not hold them up.
 */
final class StreamDescriber {
  private final StreamCatalog catalog;
  private final ClusterDirectory directory;
  private final ShardStatsClient stats;
  private final ReshardCatalog reshards;
  private final ConsumerCatalog consumers;

  StreamDescriber(StreamCatalog catalog, ClusterDirectory directory, ShardStatsClient stats,
      ReshardCatalog reshards, ConsumerCatalog consumers) {
    this.catalog = catalog;
    this.directory = directory;
    this.stats = stats;
    this.reshards = reshards;
    this.consumers = consumers;
  }

  List<StreamSnapshot> list() {
    return catalog.all();
  }

  DescribedStream describe(String name, boolean withSequenceRanges) {
    return describe(catalog.get(name), withSequenceRanges);
  }

  DescribedStream describe(StreamSnapshot stream, boolean withSequenceRanges) {
    SortedMap<Integer, Registrations.Broker> brokers = directory.liveBrokers();
    Map<String, SequenceRange> ranges =
        withSequenceRanges ? stats.fetch(stream.name(), shardsByLeaderAddress(stream, brokers)) : Map.of();
    List<DescribedStream.Shard> shards = new ArrayList<>(stream.shards().size());
    for (ShardMetadata shard : stream.shards()) {
      Registrations.Broker leader =
          shard.leader() == ShardMetadata.NO_LEADER ? null : brokers.get(shard.leader());
      shards.add(new DescribedStream.Shard(shard, leader == null ? "" : leader.address(),
          ranges.getOrDefault(shard.shardId(), SequenceRange.UNKNOWN)));
    }
    return new DescribedStream(stream, shards, reshards.history(stream.name()).events(),
        consumers.list(stream.name()));
  }

  private Map<String, List<String>> shardsByLeaderAddress(
      StreamSnapshot stream, SortedMap<Integer, Registrations.Broker> brokers) {
    Set<String> live = new HashSet<>();
    brokers.values().forEach(b -> live.add(b.address()));
    stats.retainOnly(live);
    Map<String, List<String>> byAddress = new LinkedHashMap<>();
    for (ShardMetadata shard : stream.shards()) {
      Registrations.Broker leader = brokers.get(shard.leader());
      if (leader != null) {
        byAddress.computeIfAbsent(leader.address(), a -> new ArrayList<>()).add(shard.shardId());
      }
    }
    return byAddress;
  }
}
