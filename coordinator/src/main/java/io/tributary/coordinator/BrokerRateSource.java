package io.tributary.coordinator;

import io.tributary.common.stream.ShardMetadata;
import io.tributary.common.zk.Registrations;
import io.tributary.proto.v1.ShardStats;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The write rates of a stream's open shards, as their leader brokers measure them. Thread-safe.
 *
 * <p>Brokers measure where the writes arrive; the coordinator only asks, so scaling costs no extra
 * work on the write path.
 */
final class BrokerRateSource implements OnDemandScaler.RateSource {
  private final ClusterDirectory directory;
  private final ShardStatsClient stats;

  BrokerRateSource(ClusterDirectory directory, ShardStatsClient stats) {
    this.directory = directory;
    this.stats = stats;
  }

  @Override
  public Map<String, ScalingPolicy.ShardRate> rates(StreamSnapshot stream) {
    SortedMap<Integer, Registrations.Broker> brokers = directory.liveBrokers();
    Map<String, List<String>> byAddress = new LinkedHashMap<>();
    for (ShardMetadata shard : stream.shards()) {
      Registrations.Broker leader = brokers.get(shard.leader());
      if (shard.open() && leader != null) {
        byAddress.computeIfAbsent(leader.address(), a -> new ArrayList<>()).add(shard.shardId());
      }
    }
    Map<String, ScalingPolicy.ShardRate> rates = new HashMap<>();
    for (Map.Entry<String, ShardStats> entry : stats.fetchStats(stream.name(), byAddress).entrySet()) {
      ShardStats s = entry.getValue();
      rates.put(entry.getKey(), new ScalingPolicy.ShardRate(s.getWriteRecordsPerSecond(), s.getWriteBytesPerSecond()));
    }
    return rates;
  }
}
