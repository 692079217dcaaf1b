package io.tributary.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.stream.HashKeyRange;
import io.tributary.common.stream.MetadataJson;
import io.tributary.common.stream.ShardMetadata;
import io.tributary.common.stream.StreamMetadata;
import io.tributary.proto.v1.Acks;
import io.tributary.proto.v1.GetRecordsResponse;
import io.tributary.proto.v1.GetShardStatsRequest;
import io.tributary.proto.v1.PutRecordsRequest;
import io.tributary.proto.v1.ShardPut;
import io.tributary.proto.v1.ShardPutResult;
import io.tributary.proto.v1.ShardStats;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three brokers replicating one shard (replication factor 3, minimum 2 in sync), with the shard
 * metadata written to ZooKeeper as the coordinator writes it: acks=all waits for every in-sync
 * replica, readers stop at the committed point, a leader change truncates an uncommitted tail,
 * followers copy the leader's bytes, and a leader shrinks and grows the in-sync set.
 */
class ReplicatedBrokersIT {
  @RegisterExtension static final TestZooKeeper ZOOKEEPER = new TestZooKeeper();

  private static final String STREAM = "replicated";
  private static final String SHARD0 = "shardId-000000000000";
  private static final Duration BOUND = Duration.ofSeconds(20);

  @TempDir Path dir;
  private final Clock clock = Clock.systemUTC();
  private final Map<Integer, BrokerFixture> brokers = new HashMap<>();
  private String cluster;
  private ZkFixture zk;

  @BeforeEach
  void startBrokers() throws Exception {
    cluster = ZOOKEEPER.newCluster("replicated");
    zk = new ZkFixture(ZOOKEEPER.connectString(), cluster);
    for (int id = 1; id <= 3; id++) {
      start(id);
    }
    StreamMetadata stream = new StreamMetadata(STREAM, "u1", StreamMetadata.ACTIVE, "PROVISIONED", 24, 3, 0, 1, 0, 0);
    zk.client().create().creatingParentsIfNeeded().forPath(zk.paths().stream(STREAM), MetadataJson.write(stream));
    zk.putShard(STREAM, shard(1, 1, List.of(1, 2, 3)));
    brokers.get(1).awaitLeading(STREAM, 1);
  }

  @AfterEach
  void stopBrokers() {
    brokers.values().forEach(BrokerFixture::close);
    zk.close();
  }

  @Test
  void acksAllIsAnsweredOnceEveryInSyncReplicaHasTheRecordsAndReadersStopAtTheCommittedPoint() throws Exception {
    putAccepted(1, Acks.ACKS_ALL, 5);
    ShardStats stats = stats(1);
    assertThat(stats.getNextSequenceNumber()).isEqualTo(5);
    assertThat(stats.getFollowerLogEndsMap()).containsEntry(2, 5L).containsEntry(3, 5L);

    stop(2);
    stop(3);
    putAccepted(1, Acks.ACKS_LEADER, 2);
    assertThat(stats(1).getLogEndSequenceNumber()).isEqualTo(7);
    assertThat(stats(1).getNextSequenceNumber()).isEqualTo(5);
    assertThat(readAll(1).getRecordCount()).isEqualTo(5);

    // The followers lag past the allowed time: the leader drops them from the in-sync set in ZooKeeper.
    await().atMost(BOUND).until(() -> inSync().equals(List.of(1)));
    ShardPutResult refused = put(1, Acks.ACKS_ALL, 1);
    assertThat(refused.getError().getCode()).isEqualTo(ErrorCode.NOT_ENOUGH_REPLICAS.shortName());
    assertThat(refused.getError().getMessage()).contains("fewer than the minimum 2");
    assertThat(stats(1).getLogEndSequenceNumber()).isEqualTo(7);
    putAccepted(1, Acks.ACKS_LEADER, 1);

    // A restarted follower catches up and the leader adds it back to the in-sync set.
    start(2);
    await().atMost(BOUND).until(() -> inSync().contains(2));
    putAccepted(1, Acks.ACKS_ALL, 2);
    assertThat(stats(1).getFollowerLogEndsMap()).containsEntry(2, 10L);
    assertThat(readAll(1).getRecordCount()).isEqualTo(10);
  }

  @Test
  void aNewLeaderServesTheSameBytesAndTheOldLeaderDropsItsUncommittedTail() throws Exception {
    putAccepted(1, Acks.ACKS_ALL, 5);
    Read committed = readAll(1);
    stop(2);
    stop(3);
    putAccepted(1, Acks.ACKS_LEADER, 3);
    assertThat(stats(1).getLogEndSequenceNumber()).isEqualTo(8);

    // The coordinator's failover: broker 2 leads under epoch 2 with the replicas that have every committed record.
    zk.putShard(STREAM, shard(2, 2, List.of(2, 3)));
    start(2);
    start(3);
    brokers.get(2).awaitLeading(STREAM, 1);
    assertThat(readAll(2).getRecords()).isEqualTo(committed.getRecords());

    putAccepted(2, Acks.ACKS_ALL, 2);
    await().atMost(BOUND).until(() -> inSync().contains(1));
    Read afterFailover = readAll(2);
    assertThat(afterFailover.getRecordCount()).isEqualTo(7);

    // Broker 1 truncated its three uncommitted records and copied broker 2's: leading again, it serves the same bytes.
    zk.putShard(STREAM, currentShard().withLeader(1, 3, currentShard().inSyncReplicas(), 1));
    await().atMost(BOUND).until(() -> leaderEpochAt(1) == 3);
    assertThat(readAll(1).getRecords()).isEqualTo(afterFailover.getRecords());
    assertThat(stats(1).getLogEndSequenceNumber()).isEqualTo(7);
  }

  private void start(int id) {
    brokers.put(id, BrokerFixture.start(ZOOKEEPER.connectString(), cluster, id, dir.resolve("broker-" + id), clock,
        Map.of(BrokerConfig.REPLICA_LAG_MAX.name(), "1s", BrokerConfig.ACK_TIMEOUT.name(), "5s")));
  }

  private void stop(int id) {
    brokers.remove(id).close();
  }

  private static ShardMetadata shard(int leader, long epoch, List<Integer> inSync) {
    HashKeyRange all = HashKeyRange.uniform(1).get(0);
    return new ShardMetadata(SHARD0, all.start().toString(), all.end().toString(), List.of(), ShardMetadata.OPEN,
        leader, epoch, List.of(1, 2, 3), inSync, -1, 1);
  }

  private ShardMetadata currentShard() throws Exception {
    return MetadataJson.read(zk.client().getData().forPath(zk.paths().shard(STREAM, SHARD0)), ShardMetadata.class);
  }

  private List<Integer> inSync() throws Exception {
    return currentShard().inSyncReplicas();
  }

  private long leaderEpochAt(int broker) {
    try {
      return brokers.get(broker).stub().getShardStats(GetShardStatsRequest.newBuilder().setStream(STREAM).build())
          .getShardsCount() == 1 ? currentShard().leaderEpoch() : -1;
    } catch (Exception notYet) {
      return -1;
    }
  }

  /** Asserts that a put of {@code count} records was accepted whole. */
  private void putAccepted(int broker, Acks acks, int count) {
    ShardPutResult result = put(broker, acks, count);
    assertThat(result.getAccepted()).as("%s", result).isEqualTo(count);
  }

  private ShardPutResult put(int broker, Acks acks, int count) {
    ShardPut.Builder put = ShardPut.newBuilder().setShardId(SHARD0);
    for (int i = 0; i < count; i++) {
      put.addRecords(BrokerFixture.entry("k" + i, "v" + i));
    }
    return brokers.get(broker).stub()
        .putRecords(PutRecordsRequest.newBuilder().setStream(STREAM).setAcks(acks).addShards(put).build())
        .getResults(0);
  }

  private ShardStats stats(int broker) {
    return brokers.get(broker).stub().getShardStats(GetShardStatsRequest.newBuilder().setStream(STREAM).build())
        .getShards(0);
  }

  /** Every record a reader gets from the broker, in wire form, read until a read returns none. */
  private Read readAll(int broker) {
    BrokerFixture fixture = brokers.get(broker);
    String iterator = fixture.trimHorizon(STREAM, SHARD0);
    ByteString records = ByteString.EMPTY;
    int count = 0;
    while (true) {
      GetRecordsResponse response = fixture.get(iterator, 0);
      if (response.getRecordCount() == 0) {
        return new Read(records, count);
      }
      records = records.concat(response.getRecords());
      count += response.getRecordCount();
      iterator = response.getNextShardIterator();
    }
  }

  private record Read(ByteString getRecords, int getRecordCount) {}
}
