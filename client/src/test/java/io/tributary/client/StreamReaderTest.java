package io.tributary.client;

import static io.tributary.client.fake.Records.append;
import static io.tributary.client.fake.Records.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.client.fake.FakeCatalog;
import io.tributary.client.fake.FakeCluster;
import io.tributary.common.stream.HashKeyRange;
import io.tributary.common.stream.ShardIds;
import io.tributary.proto.v1.ShardInfo;
import io.tributary.proto.v1.ShardState;
import io.tributary.proto.v1.StreamDescription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StreamReaderTest {
  private final FakeCluster cluster = FakeCluster.start(1);
  private final TributaryClient client = cluster.client();

  @AfterEach
  void close() throws Exception {
    client.close();
    cluster.close();
  }

  /** Shard 0 split into 1 and 2, which merged into 3: a to d are their records. */
  private void splitAndMerge() {
    String broker = cluster.brokers.get(0).address();
    HashKeyRange all = HashKeyRange.uniform(1).get(0);
    List<HashKeyRange> halves = HashKeyRange.uniform(2);
    cluster.catalog.put(StreamDescription.newBuilder()
        .setName("s")
        .addShards(FakeCatalog.shard(ShardIds.of(3), all, broker).toBuilder()
            .addParentShardIds(ShardIds.of(1)).addParentShardIds(ShardIds.of(2)))
        .addShards(closed(FakeCatalog.shard(ShardIds.of(2), halves.get(1), broker)).toBuilder()
            .addParentShardIds(ShardIds.of(0)))
        .addShards(closed(FakeCatalog.shard(ShardIds.of(1), halves.get(0), broker)).toBuilder()
            .addParentShardIds(ShardIds.of(0)))
        .addShards(closed(FakeCatalog.shard(ShardIds.of(0), all, broker)))
        .build());
    cluster.brokers.get(0).own(ShardIds.of(0), ShardIds.of(1), ShardIds.of(2), ShardIds.of(3));
    append(cluster.logs, ShardIds.of(0), "a", 0, 5);
    append(cluster.logs, ShardIds.of(1), "b", 0, 3);
    append(cluster.logs, ShardIds.of(2), "c", 0, 4);
    append(cluster.logs, ShardIds.of(3), "d", 0, 2);
    for (int i = 0; i < 3; i++) {
      cluster.logs.log(ShardIds.of(i)).close();
    }
  }

  private static ShardInfo closed(ShardInfo s) {
    return s.toBuilder().setState(ShardState.CLOSED).build();
  }

  @Test
  void parentsAreReadToTheirEndBeforeTheirChildren() {
    splitAndMerge();
    List<String> read = new ArrayList<>();
    try (StreamReader reader = client.newStreamReader("s", Position.trimHorizon())) {
      await().atMost(Duration.ofSeconds(20)).until(() -> {
        read.addAll(data(reader.poll(3)));
        return read.size() >= 14;
      });
    }
    assertThat(read).hasSize(14).doesNotHaveDuplicates();
    assertThat(lastIndexOf(read, "a")).isLessThan(firstIndexOf(read, "b")).isLessThan(firstIndexOf(read, "c"));
    assertThat(Math.max(lastIndexOf(read, "b"), lastIndexOf(read, "c"))).isLessThan(firstIndexOf(read, "d"));
  }

  @Test
  void fromLatestClosedShardsAreSkippedAndNewRecordsArrive() {
    splitAndMerge();
    try (StreamReader reader = client.newStreamReader("s", Position.latest())) {
      assertThat(reader.poll(100)).isEmpty();
      append(cluster.logs, ShardIds.of(3), "d", 2, 3);
      List<String> read = new ArrayList<>();
      await().atMost(Duration.ofSeconds(10)).until(() -> {
        read.addAll(data(reader.poll(100)));
        return !read.isEmpty();
      });
      assertThat(read).containsExactly("d2");
    }
  }

  @Test
  void openShardsArePolledRoundRobin() {
    cluster.createStream("s", 4);
    for (int i = 0; i < 4; i++) {
      append(cluster.logs, ShardIds.of(i), "s" + i + "-", 0, 10);
    }
    List<String> shards = new ArrayList<>();
    try (StreamReader reader = client.newStreamReader("s", Position.trimHorizon())) {
      for (int i = 0; i < 4; i++) {
        List<ReceivedRecord> r = reader.poll(5);
        assertThat(r).hasSize(5).extracting(ReceivedRecord::shardId).containsOnly(r.get(0).shardId());
        shards.add(r.get(0).shardId());
      }
    }
    assertThat(shards).doesNotHaveDuplicates();
  }

  private static int firstIndexOf(List<String> read, String prefix) {
    for (int i = 0; i < read.size(); i++) {
      if (read.get(i).startsWith(prefix)) {
        return i;
      }
    }
    return -1;
  }

  private static int lastIndexOf(List<String> read, String prefix) {
    for (int i = read.size() - 1; i >= 0; i--) {
      if (read.get(i).startsWith(prefix)) {
        return i;
      }
    }
    return -1;
  }
}
