package io.tributary.client.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tributary.client.ReceivedRecord;
import io.tributary.client.TributaryClient;
import io.tributary.client.fake.FakeCluster;
import io.tributary.client.fake.Records;
import io.tributary.common.stream.ShardIds;
import io.tributary.common.zk.ZkPaths;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import io.tributary.common.zk.ZooKeeperClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Consumer application instances over real ZooKeeper and fake brokers. */
class ConsumerApplicationIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  File zkDir;
  private TestingServer zookeeper;
  private FakeCluster cluster;
  private TributaryClient client;
  private final List<ConsumerApplication> instances = new ArrayList<>();
  /** Every delivery and callback, in the order they happened. */
  private final List<Event> events = new CopyOnWriteArrayList<>();

  record Event(String instance, String shard, String kind, long sequence, String data) {}

  @BeforeEach
  void start() throws Exception {
    // a short tick lets sessions time out in about a second
    zookeeper = new TestingServer(new InstanceSpec(zkDir, -1, -1, -1, false, 1, 100, -1), true);
    cluster = FakeCluster.start(2);
    cluster.coordinator.zookeeper = zookeeper.getConnectString();
    client = cluster.client();
  }

  @AfterEach
  void stop() throws Exception {
    for (ConsumerApplication a : instances) {
      a.shutdown();
    }
    client.close();
    cluster.close();
    zookeeper.close();
  }

  @Test
  void leasesAreBalancedAcrossThreeInstancesAndRecordsArriveInOrder() {
    cluster.createStream("s", 6);
    for (int shard = 0; shard < 6; shard++) {
      Records.append(cluster.logs, ShardIds.of(shard), "r", 0, 50);
    }
    ConsumerApplication a = start("a");
    await().atMost(WAIT).until(() -> a.heldShards().size() == 6);
    ConsumerApplication b = start("b");
    ConsumerApplication c = start("c");
    await().atMost(WAIT).until(() ->
        a.heldShards().size() == 2 && b.heldShards().size() == 2 && c.heldShards().size() == 2);
    for (int shard = 0; shard < 6; shard++) {
      Records.append(cluster.logs, ShardIds.of(shard), "r", 50, 100);
    }
    await().atMost(WAIT).until(() -> checkpointsAt(6, "99"));
    for (int shard = 0; shard < 6; shard++) {
      String id = ShardIds.of(shard);
      // each delivery continues from the one before it: in order, a gap-free run per shard
      long expected = 0;
      for (Event e : deliveries(id)) {
        assertThat(e.sequence()).as("shard %s", id).isLessThanOrEqualTo(expected);
        expected = Math.max(expected, e.sequence() + 1);
      }
      assertThat(expected).isEqualTo(100);
    }
    assertThat(Applications.list(client, "s", ApplicationOptions.defaults())).containsExactly("app");
    assertThat(Applications.summaries(client, "s", ApplicationOptions.defaults()))
        .containsExactly(new ApplicationSummary("app", 3, 6, 6));
    assertThat(Applications.find(client, "s", "app", ApplicationOptions.defaults())).isPresent();
    assertThat(Applications.find(client, "s", "nobody", ApplicationOptions.defaults())).isEmpty();
    ApplicationState state = Applications.describe(client, "s", "app", ApplicationOptions.defaults());
    assertThat(state.members()).containsExactly("a", "b", "c");
    assertThat(state.shards()).allSatisfy(p -> {
      assertThat(p.owner()).isIn("a", "b", "c");
      assertThat(p.checkpoint()).isEqualTo("99");
      assertThat(p.lag()).isZero();
    });
  }

  @Test
  void aDeadInstancesLeasesExpireAndOthersResumeAfterItsCheckpoint() {
    cluster.createStream("s", 4);
    for (int shard = 0; shard < 4; shard++) {
      Records.append(cluster.logs, ShardIds.of(shard), "r", 0, 30);
    }
    ConsumerApplication a = start("a");
    ConsumerApplication b = start("b");
    await().atMost(WAIT).until(() -> a.heldShards().size() == 2 && b.heldShards().size() == 2);
    await().atMost(WAIT).until(() -> checkpointsAt(4, "29"));
    List<String> ofB = List.copyOf(b.heldShards());
    // a may have read these shards itself before the first balancing gave them to b: only what a
    // delivers after b's death counts.
    Map<String, Integer> deliveredBefore = new HashMap<>();
    for (String shard : ofB) {
      deliveredBefore.put(shard, deliveries(shard).size());
    }
    b.halt();
    instances.remove(b);
    for (int shard = 0; shard < 4; shard++) {
      Records.append(cluster.logs, ShardIds.of(shard), "r", 30, 60);
    }
    await().atMost(WAIT).until(() -> a.heldShards().size() == 4);
    await().atMost(WAIT).until(() -> checkpointsAt(4, "59"));
    for (String shard : ofB) {
      List<Event> all = deliveries(shard);
      List<Event> taken = all.subList(deliveredBefore.get(shard), all.size()).stream()
          .filter(e -> e.instance().equals("a")).toList();
      assertThat(taken.get(0).sequence()).as("first record of %s after the take-over", shard).isEqualTo(30);
    }
  }

  @Test
  void childrenAreLeasedOnlyAfterTheirParentsReachShardEnd() {
    cluster.createStream("s", 2);
    Records.append(cluster.logs, ShardIds.of(0), "p", 0, 40);
    Records.append(cluster.logs, ShardIds.of(1), "q", 0, 40);
    cluster.catalog.merge("s", ShardIds.of(0), ShardIds.of(1));
    cluster.catalog.split("s", ShardIds.of(2), null);
    Records.append(cluster.logs, ShardIds.of(3), "x", 0, 10);
    Records.append(cluster.logs, ShardIds.of(4), "y", 0, 10);
    start("a");
    start("b");
    await().atMost(WAIT).until(() -> checkpoints().size() == 5
        && checkpoints().get(ShardIds.of(3)).equals("9") && checkpoints().get(ShardIds.of(4)).equals("9"));
    // shard 2 was split before any record reached it: its start shows as its shard end
    assertBefore(ShardIds.of(0), ShardIds.of(2), "end");
    assertBefore(ShardIds.of(1), ShardIds.of(2), "end");
    assertBefore(ShardIds.of(2), ShardIds.of(3), "record");
    assertBefore(ShardIds.of(2), ShardIds.of(4), "record");
    assertThat(checkpoints()).containsEntry(ShardIds.of(2), LeaseStore.SHARD_END);
  }

  @Test
  void aCheckpointAfterTheLeaseIsLostFailsAndTheProcessorIsTold() throws Exception {
    cluster.createStream("s", 1);
    Records.append(cluster.logs, ShardIds.of(0), "r", 0, 5);
    AtomicReference<Checkpointer> held = new AtomicReference<>();
    ConsumerApplication a = start("a", shard -> new Recorder("a", shard) {
      @Override
      public void processRecords(List<ReceivedRecord> records, Checkpointer checkpointer) {
        record(records);
        held.set(checkpointer); // checkpoints later, from the test
      }
    });
    await().atMost(WAIT).until(() -> held.get() != null);
    try (CuratorFramework other = ZooKeeperClients.connect(zookeeper.getConnectString(), Duration.ofSeconds(5),
        Duration.ofSeconds(10))) {
      String lease = new ZkPaths("fake").applicationLeases("s", "app") + "/" + ShardIds.of(0);
      other.delete().forPath(lease);
      other.create().forPath(lease, "intruder".getBytes(StandardCharsets.UTF_8));
      assertThatThrownBy(() -> held.get().checkpoint())
          .isInstanceOf(LeaseLostException.class).hasMessageContaining("no longer holds its lease");
      await().atMost(WAIT).until(() -> events.stream().anyMatch(e -> e.kind().equals("lost")));
      await().atMost(WAIT).until(() -> a.heldShards().isEmpty());
      assertThat(checkpoints()).doesNotContainKey(ShardIds.of(0));
      other.delete().forPath(lease);
    }
  }

  private ConsumerApplication start(String id) {
    return start(id, shard -> new Recorder(id, shard));
  }

  private ConsumerApplication start(String id, RecordProcessorFactory factory) {
    ApplicationOptions options = ApplicationOptions.defaults()
        .withBalanceInterval(Duration.ofMillis(100))
        .withIdleBetweenReads(Duration.ofMillis(20))
        .withSessionTimeout(Duration.ofSeconds(2))
        .withMaxRecords(7);
    ConsumerApplication a = ConsumerApplication.start(client, "s", "app", id, factory, options);
    instances.add(a);
    return a;
  }

  private List<Event> deliveries(String shard) {
    return events.stream().filter(e -> e.shard().equals(shard) && e.kind().equals("record")).toList();
  }

  private void assertBefore(String parent, String child, String childKind) {
    int end = indexOf(e -> e.shard().equals(parent) && e.kind().equals("end"));
    int first = indexOf(e -> e.shard().equals(child) && e.kind().equals(childKind));
    assertThat(end).as("shard end of %s", parent).isGreaterThanOrEqualTo(0);
    assertThat(first).as("first record of %s", child).isGreaterThan(end);
  }

  private int indexOf(java.util.function.Predicate<Event> p) {
    for (int i = 0; i < events.size(); i++) {
      if (p.test(events.get(i))) {
        return i;
      }
    }
    return -1;
  }

  private boolean checkpointsAt(int shards, String value) {
    Map<String, String> c = checkpoints();
    return c.size() == shards && c.values().stream().allMatch(value::equals);
  }

  private Map<String, String> checkpoints() {
    Map<String, String> out = new ConcurrentHashMap<>();
    for (ApplicationState.ShardProgress p :
        Applications.describe(client, "s", "app", ApplicationOptions.defaults()).shards()) {
      if (p.checkpoint() != null) {
        out.put(p.shardId(), p.checkpoint());
      }
    }
    return out;
  }

  /** Records every callback and checkpoints after each batch and at the shard end. */
  class Recorder implements RecordProcessor {
    private final String instance;
    private final String shard;

    Recorder(String instance, String shard) {
      this.instance = instance;
      this.shard = shard;
    }

    void record(List<ReceivedRecord> records) {
      for (ReceivedRecord r : records) {
        events.add(new Event(instance, shard, "record", r.sequenceNumber(), new String(r.data(), StandardCharsets.UTF_8)));
      }
    }

    @Override
    public void processRecords(List<ReceivedRecord> records, Checkpointer checkpointer) {
      record(records);
      checkpointer.checkpoint();
    }

    @Override
    public void shardEnded(Checkpointer checkpointer) {
      events.add(new Event(instance, shard, "end", -1, null));
      checkpointer.checkpoint();
    }

    @Override
    public void leaseLost() {
      events.add(new Event(instance, shard, "lost", -1, null));
    }

    @Override
    public void shutdownRequested(Checkpointer checkpointer) {
      checkpointer.checkpoint();
    }
  }
}
