package io.tributary.client.fake;

import io.tributary.client.ClientOptions;
import io.tributary.client.TributaryClient;
import io.tributary.proto.v1.ShardInfo;
import io.tributary.proto.v1.StreamDescription;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.ArrayList;
import java.util.List;

/** A leading fake coordinator and N fake brokers sharing one catalog and one set of logs. Thread-safe. */
public final class FakeCluster implements AutoCloseable {
  public final FakeLogs logs = new FakeLogs();
  public final FakeCatalog catalog = new FakeCatalog();
  public final FakeCoordinator coordinator;
  public final List<FakeBroker> brokers = new ArrayList<>();
  private final List<AutoCloseable> extra = new ArrayList<>();
  private final List<TributaryClient> clients = new CopyOnWriteArrayList<>();

  private FakeCluster(int brokerCount) {
    coordinator = FakeCoordinator.start(catalog, true);
    for (int i = 0; i < brokerCount; i++) {
      brokers.add(FakeBroker.start(logs));
    }
    catalog.brokers(brokers.stream().map(FakeBroker::address).toList());
    catalog.onReshard = this::resharded;
    coordinator.sequenceRanges = this::withSequenceRanges;
  }

  /** As brokers do after a reshard: the children's leaders take them over, the parents are sealed. */
  private void resharded(List<String> closed, List<ShardInfo> created) {
    for (ShardInfo s : created) {
      broker(s.getLeaderAddress()).own(s.getShardId());
    }
    closed.forEach(id -> logs.log(id).close());
  }

  private StreamDescription withSequenceRanges(StreamDescription d) {
    StreamDescription.Builder b = d.toBuilder();
    for (int i = 0; i < b.getShardsCount(); i++) {
      int size = logs.log(b.getShards(i).getShardId()).size();
      b.setShards(i, b.getShards(i).toBuilder().setFirstSequenceNumber(0).setNextSequenceNumber(size)
          .setSequenceRangeKnown(true));
    }
    return b.build();
  }

  public static FakeCluster start(int brokers) {
    return new FakeCluster(brokers);
  }

  /** Creates a stream with shards spread round-robin over the brokers, each owning its shards. */
  public StreamDescription createStream(String name, int shards) {
    StreamDescription d = catalog.create(name, shards);
    for (ShardInfo s : d.getShardsList()) {
      broker(s.getLeaderAddress()).own(s.getShardId());
    }
    return d;
  }

  public FakeBroker broker(String address) {
    return brokers.stream().filter(b -> b.address().equals(address)).findFirst().orElseThrow();
  }

  public FakeBroker leaderOf(String stream, String shardId) {
    return broker(catalog.describe(stream).getShardsList().stream()
        .filter(s -> s.getShardId().equals(shardId)).findFirst().orElseThrow().getLeaderAddress());
  }

  /** Starts another broker over the same logs (e.g. a restarted one) and closes it with the cluster. */
  public FakeBroker addBroker() {
    FakeBroker b = FakeBroker.start(logs);
    brokers.add(b);
    return b;
  }

  /** Short timeouts, so failure tests end quickly. */
  public ClientOptions options() {
    return new ClientOptions(List.of(coordinator.address()), Duration.ofSeconds(5), Duration.ofSeconds(5));
  }

  /** A client of this cluster, closed with it. */
  public TributaryClient client() {
    TributaryClient client = TributaryClient.connect(options());
    clients.add(client);
    return client;
  }

  public void closeLater(AutoCloseable c) {
    extra.add(c);
  }

  @Override
  public void close() throws Exception {
    // A test that failed while brokers held requests back must not make the clients' flushes wait.
    for (FakeBroker b : brokers) {
      CountDownLatch gate = b.gate;
      b.gate = null;
      if (gate != null) {
        gate.countDown();
      }
    }
    for (TributaryClient c : clients) {
      c.close();
    }
    for (AutoCloseable c : extra) {
      c.close();
    }
    for (FakeBroker b : brokers) {
      b.close();
    }
    coordinator.close();
  }
}
