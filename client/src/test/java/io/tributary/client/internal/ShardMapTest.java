package io.tributary.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.client.fake.FakeCatalog;
import io.tributary.common.stream.HashKey;
import io.tributary.common.stream.HashKeyRange;
import io.tributary.common.stream.ShardIds;
import io.tributary.proto.v1.ShardInfo;
import io.tributary.proto.v1.ShardState;
import io.tributary.proto.v1.StreamDescription;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ShardMapTest {
  private static final int SHARDS = 7;
  private final List<HashKeyRange> ranges = HashKeyRange.uniform(SHARDS);

  @Test
  void everyPartitionKeyLandsOnTheShardWhoseRangeHoldsItsMd5() {
    ShardMap map = ShardMap.of(shuffled(ranges));
    Random random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      String key = "key-" + random.nextLong();
      HashKey hash = HashKey.ofPartitionKey(key);
      int index = map.route(hash);
      int expected = ShardIds.index(map.shardId(index));
      assertThat(ranges.get(expected).contains(hash)).as("key %s on %s", key, map.shardId(index)).isTrue();
    }
  }

  @Test
  void explicitHashKeysAtTheEdgesOfEachRangeLandOnThatShard() {
    ShardMap map = ShardMap.of(shuffled(ranges));
    assertThat(map.shardId(map.route(HashKey.parse("0")))).isEqualTo(ShardIds.of(0));
    assertThat(map.shardId(map.route(HashKey.parse(HashKey.MAX_VALUE.toString())))).isEqualTo(ShardIds.of(SHARDS - 1));
    for (int i = 0; i < SHARDS; i++) {
      HashKeyRange r = ranges.get(i);
      assertThat(map.shardId(map.route(r.start()))).isEqualTo(ShardIds.of(i));
      assertThat(map.shardId(map.route(r.end()))).isEqualTo(ShardIds.of(i));
      if (i + 1 < SHARDS) {
        HashKey afterEnd = HashKey.of(r.end().toBigInteger().add(BigInteger.ONE));
        assertThat(map.shardId(map.route(afterEnd))).isEqualTo(ShardIds.of(i + 1));
      }
    }
  }

  @Test
  void closedShardsAreNotRoutedAndUncoveredKeysHaveNoShard() {
    HashKeyRange lowHalf = HashKeyRange.uniform(2).get(0);
    StreamDescription d = StreamDescription.newBuilder()
        .setName("s")
        .addShards(FakeCatalog.shard(ShardIds.of(0), HashKeyRange.uniform(1).get(0), "old:1").toBuilder()
            .setState(ShardState.CLOSED))
        .addShards(FakeCatalog.shard(ShardIds.of(1), lowHalf, ""))
        .build();
    ShardMap map = ShardMap.of(d);

    assertThat(map.openCount()).isEqualTo(1);
    assertThat(map.route(HashKey.MIN)).isZero();
    assertThat(map.leader(0)).as("a shard without a live leader").isNull();
    assertThat(map.route(HashKey.of(lowHalf.end().toBigInteger().add(BigInteger.ONE)))).isEqualTo(-1);
    assertThat(map.shard(ShardIds.of(0))).as("closed shards stay known to readers").isPresent();
  }

  private static StreamDescription shuffled(List<HashKeyRange> ranges) {
    List<ShardInfo> shards = new ArrayList<>();
    for (int i = 0; i < ranges.size(); i++) {
      shards.add(FakeCatalog.shard(ShardIds.of(i), ranges.get(i), "broker-" + i + ":1"));
    }
    Collections.shuffle(shards, new Random(7));
    return StreamDescription.newBuilder().setName("s").addAllShards(shards).build();
  }
}
