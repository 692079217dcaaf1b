package io.tributary.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.stream.HashKeyRange;
import io.tributary.common.stream.ShardIds;
import io.tributary.common.stream.ShardMetadata;
import io.tributary.common.stream.StreamMetadata;
import io.tributary.common.time.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The scaler's decisions, with a fake rate source, fake streams and a manual clock. */
class OnDemandScalerTest {
  private static final long START = 1_700_000_000_000L;

  private final ManualClock clock = new ManualClock(START);
  private final Map<String, ScalingPolicy.ShardRate> rates = new HashMap<>();
  private final List<String> actions = new ArrayList<>();
  private final List<StreamSnapshot> streams = new ArrayList<>();
  private long lastScaling = -1;
  private boolean leader = true;
  private final OnDemandScaler scaler = new OnDemandScaler(StreamRulesTest.ON_DEMAND, () -> leader,
      new OnDemandScaler.Streams() {
        @Override
        public List<StreamSnapshot> all() {
          return streams;
        }

        @Override
        public long lastScalingMillis(String stream) {
          return lastScaling;
        }
      },
      stream -> rates,
      new OnDemandScaler.Actions() {
        @Override
        public void split(String stream, String shardId, String reason) {
          actions.add("split " + stream + " " + shardId + ": " + reason);
          lastScaling = clock.millis();
        }

        @Override
        public void merge(String stream, String shardId, String adjacentShardId, String reason) {
          actions.add("merge " + stream + " " + shardId + "+" + adjacentShardId + ": " + reason);
          lastScaling = clock.millis();
        }
      },
      clock);

  @AfterEach
  void close() {
    scaler.close();
  }

  @Test
  void splitsTheHottestShardAboveTheThresholdThenWaitsForTheCooldown() {
    streams.add(stream("ON_DEMAND", 4, 1, 64));
    rate(0, 500, 0);
    rate(1, 900, 0); // 90% of 1000 records/s
    rate(2, 0, 1_000_000); // 95% of 1 MiB/s: the hottest
    rate(3, 100, 0);

    scaler.runOnce();

    assertThat(actions).containsExactly("split hot " + ShardIds.of(2) + ": shard " + ShardIds.of(2)
        + " wrote 0.0 records/s and 1000000 bytes/s, 95% of one shard's capacity above the split threshold of 80%");

    clock.advance(Duration.ofSeconds(59));
    scaler.runOnce();
    assertThat(actions).hasSize(1);
    clock.advance(Duration.ofSeconds(1));
    scaler.runOnce();
    assertThat(actions).hasSize(2);
  }

  @Test
  void mergesTheColdestAdjacentPairUnderTheThreshold() {
    streams.add(stream("ON_DEMAND", 4, 1, 64));
    rate(0, 100, 0);
    rate(1, 100, 0);
    rate(2, 60, 0);
    rate(3, 50, 0); // 2+3 together: 11%, the coldest pair

    scaler.runOnce();

    assertThat(actions).containsExactly("merge hot " + ShardIds.of(2) + "+" + ShardIds.of(3) + ": shards "
        + ShardIds.of(2) + " and " + ShardIds.of(3) + " together wrote 110.0 records/s and 0 bytes/s, 11% of one"
        + " shard's capacity under the merge threshold of 25%");
  }

  @Test
  void staysWithinTheBoundsAndLeavesMiddlingLoadAlone() {
    streams.add(stream("ON_DEMAND", 2, 2, 2));
    rate(0, 990, 0);
    rate(1, 0, 0);
    scaler.runOnce(); // at max: no split; at min: no merge
    assertThat(actions).isEmpty();

    streams.set(0, stream("ON_DEMAND", 2, 1, 4));
    rate(0, 500, 0);
    rate(1, 500, 0);
    scaler.runOnce(); // 50% each: neither hot nor cold
    assertThat(actions).isEmpty();

    rate(1, 0, 0);
    rate(0, 10, 0);
    scaler.runOnce();
    assertThat(actions).singleElement().asString().startsWith("merge");
  }

  @Test
  void leavesProvisionedStreamsBusyStreamsAndStandbysAlone() {
    streams.add(stream("PROVISIONED", 2, 0, 0));
    rate(0, 990, 0);
    rate(1, 990, 0);
    scaler.runOnce();

    streams.set(0, new StreamSnapshot(stream("ON_DEMAND", 2, 1, 8).stream().withStatus(StreamMetadata.UPDATING), 0,
        stream("ON_DEMAND", 2, 1, 8).shards()));
    scaler.runOnce();

    streams.set(0, stream("ON_DEMAND", 2, 1, 8));
    leader = false;
    scaler.runOnce();
    assertThat(actions).isEmpty();

    rates.remove(ShardIds.of(1)); // a leader that did not answer: no decision on partial figures
    leader = true;
    scaler.runOnce();
    assertThat(actions).isEmpty();
  }

  private void rate(int shard, double records, double bytes) {
    rates.put(ShardIds.of(shard), new ScalingPolicy.ShardRate(records, bytes));
  }

  private static StreamSnapshot stream(String mode, int shards, int min, int max) {
    StreamMetadata meta = new StreamMetadata("hot", "uid", StreamMetadata.ACTIVE, mode, 24, 1, START, shards, min, max);
    List<ShardMetadata> list = new ArrayList<>();
    List<HashKeyRange> ranges = HashKeyRange.uniform(shards);
    for (int i = 0; i < shards; i++) {
      list.add(new ShardMetadata(ShardIds.of(i), ranges.get(i).start().toString(), ranges.get(i).end().toString(),
          List.of(), ShardMetadata.OPEN, 1, 0, List.of(1), List.of(1), -1));
    }
    return new StreamSnapshot(meta, 0, list);
  }
}
