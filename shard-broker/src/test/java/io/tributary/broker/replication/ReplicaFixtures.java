package io.tributary.broker.replication;

import io.tributary.broker.InMemoryShardLog;
import io.tributary.broker.ShardLog;
import io.tributary.broker.TestRecords;
import io.tributary.common.stream.ShardMetadata;
import io.tributary.common.time.ManualClock;
import java.time.Duration;
import java.util.List;

/** Shard metadata, logs and settings for the replication tests. */
final class ReplicaFixtures {
  static final String STREAM = "clicks";
  static final String UID = "uid-1";
  static final String SHARD = "shardId-000000000000";
  static final ReplicationSettings SETTINGS =
      new ReplicationSettings(2, Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofMillis(500), 1 << 20);

  private ReplicaFixtures() {}

  static ShardMetadata shard(int leader, long epoch, List<Integer> replicas, List<Integer> inSync) {
    return new ShardMetadata(SHARD, "0", "340282366920938463463374607431768211455", List.of(), ShardMetadata.OPEN,
        leader, epoch, replicas, inSync, -1, 1);
  }

  static InMemoryShardLog log(String name) {
    return new InMemoryShardLog(name, new ManualClock(1_000));
  }

  static void append(ShardLog log, int count, long epoch) {
    TestRecords records = TestRecords.numbered("e" + epoch + "-" + log.nextSequenceNumber(), count);
    log.append(records, count, epoch);
  }
}
