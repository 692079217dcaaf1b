package io.tributary.coordinator;

import io.tributary.common.stream.ShardMetadata;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The on-demand scaler's decision for one stream: split the hottest shard above the split threshold
 * (below the maximum), else merge the coldest adjacent pair under the merge threshold (above the
 * minimum), else nothing. Immutable.
 *
 * <p>Load is the larger of the record and byte rates as a fraction of one shard's capacity, as
 * Kinesis throttles on whichever limit a shard reaches first.
 */
final class ScalingPolicy {
  /** Measured write rate of one shard. */
  record ShardRate(double recordsPerSecond, double bytesPerSecond) {}

  /** A split of one shard or a merge of two, with the measured rates that justify it. */
  record Decision(String action, List<String> shardIds, String reason) {}

  private final OnDemandSettings settings;

  ScalingPolicy(OnDemandSettings settings) {
    this.settings = settings;
  }

  /** @param rates the rate of every open shard; a shard without one leaves the stream as it is */
  Optional<Decision> decide(StreamSnapshot stream, Map<String, ShardRate> rates) {
    List<ShardMetadata> open = stream.shards().stream().filter(ShardMetadata::open)
        .sorted(Comparator.comparing(s -> s.hashKeyRange().start())).toList();
    if (!open.stream().allMatch(s -> rates.containsKey(s.shardId()))) {
      return Optional.empty();
    }
    Optional<Decision> split = open.size() < stream.stream().maxShards() ? split(open, rates) : Optional.empty();
    if (split.isPresent()) {
      return split;
    }
    return open.size() > stream.stream().minShards() ? merge(open, rates) : Optional.empty();
  }

  private Optional<Decision> split(List<ShardMetadata> open, Map<String, ShardRate> rates) {
    ShardMetadata hottest = open.stream().max(Comparator.comparingDouble(s -> load(rates.get(s.shardId())))).get();
    ShardRate rate = rates.get(hottest.shardId());
    if (load(rate) <= settings.splitThreshold()) {
      return Optional.empty();
    }
    return Optional.of(new Decision(ScalingRecord.SPLIT, List.of(hottest.shardId()),
        describe("shard " + hottest.shardId(), rate) + " above the split threshold of "
            + percent(settings.splitThreshold())));
  }

  private Optional<Decision> merge(List<ShardMetadata> open, Map<String, ShardRate> rates) {
    int coldest = -1;
    ShardRate coldestRate = null;
    for (int i = 0; i + 1 < open.size(); i++) {
      ShardRate a = rates.get(open.get(i).shardId());
      ShardRate b = rates.get(open.get(i + 1).shardId());
      ShardRate together = new ShardRate(a.recordsPerSecond() + b.recordsPerSecond(),
          a.bytesPerSecond() + b.bytesPerSecond());
      if (coldestRate == null || load(together) < load(coldestRate)) {
        coldest = i;
        coldestRate = together;
      }
    }
    if (coldestRate == null || load(coldestRate) >= settings.mergeThreshold()) {
      return Optional.empty();
    }
    List<String> pair = List.of(open.get(coldest).shardId(), open.get(coldest + 1).shardId());
    return Optional.of(new Decision(ScalingRecord.MERGE, pair, describe("shards " + pair.get(0) + " and "
        + pair.get(1) + " together", coldestRate) + " under the merge threshold of "
        + percent(settings.mergeThreshold())));
  }

  /** The fraction of one shard's write capacity that {@code rate} uses. */
  double load(ShardRate rate) {
    return Math.max(rate.recordsPerSecond() / settings.shardRecordsPerSecond(),
        rate.bytesPerSecond() / settings.shardBytesPerSecond());
  }

  private String describe(String what, ShardRate rate) {
    return String.format(Locale.ROOT, "%s wrote %.1f records/s and %.0f bytes/s, %s of one shard's capacity",
        what, rate.recordsPerSecond(), rate.bytesPerSecond(), percent(load(rate)));
  }

  private static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
  }
}
