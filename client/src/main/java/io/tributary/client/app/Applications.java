package io.tributary.client.app;

import io.tributary.client.TributaryClient;
import io.tributary.client.internal.Names;
import io.tributary.common.error.TributaryException;
import io.tributary.common.stream.StreamNames;
import io.tributary.common.zk.ZkPaths;
import io.tributary.proto.v1.ShardInfo;
import io.tributary.proto.v1.ShardState;
import io.tributary.proto.v1.StreamDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.zookeeper.KeeperException;

/**
 * Read-only look-ups of consumer applications, for operators (`trib consumer list|describe`). Each
 * call opens a short ZooKeeper session of its own. Stateless.
 */
public final class Applications {
  private Applications() {}

  /** Names of the applications that keep state for {@code stream}, sorted. */
  public static List<String> list(TributaryClient client, String stream, ApplicationOptions options) {
    StreamNames.validate(stream);
    try (ZooKeeperSession session = ZooKeeperSession.open(client, options)) {
      String path = new ZkPaths(session.cluster()).root() + "/applications/" + stream;
      return List.copyOf(new TreeSet<>(session.curator().getChildren().forPath(path)));
    } catch (KeeperException.NoNodeException none) {
      return List.of();
    } catch (TributaryException e) {
      throw e;
    } catch (Exception e) {
      throw LeaseStore.failure("list the applications of stream '" + stream + "'", e);
    }
  }

  /** Leases, owners, checkpoints and lag of every shard of the stream for one application. */
  public static ApplicationState describe(TributaryClient client, String stream, String app,
      ApplicationOptions options) {
    StreamNames.validate(stream);
    Names.check("application", app);
    StreamDescription d = client.describeStream(stream, true);
    try (ZooKeeperSession session = ZooKeeperSession.open(client, options)) {
      LeaseStore store = new LeaseStore(session.curator(), new ZkPaths(session.cluster()), stream, app);
      Map<String, LeaseStore.Lease> leases = store.leases();
      Map<String, String> checkpoints = store.checkpoints();
      List<ApplicationState.ShardProgress> shards = new ArrayList<>();
      for (ShardInfo s : d.getShardsList()) {
        LeaseStore.Lease lease = leases.get(s.getShardId());
        String checkpoint = checkpoints.get(s.getShardId());
        shards.add(new ApplicationState.ShardProgress(s.getShardId(), s.getState() != ShardState.CLOSED,
            lease == null ? null : lease.owner(), checkpoint, lag(s, checkpoint)));
      }
      return new ApplicationState(stream, app, List.copyOf(new TreeSet<>(store.members())), shards);
    }
  }

  static long lag(ShardInfo s, String checkpoint) {
    if (LeaseStore.SHARD_END.equals(checkpoint)) {
      return 0;
    }
    if (!s.getSequenceRangeKnown()) {
      return -1;
    }
    long last = s.getNextSequenceNumber() - 1;
    if (checkpoint == null) {
      return s.getNextSequenceNumber() - s.getFirstSequenceNumber();
    }
    return Math.max(0, last - Long.parseLong(checkpoint));
  }
}
