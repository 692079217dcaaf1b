package io.tributary.client.app;

import io.tributary.client.TributaryClient;
import io.tributary.client.internal.Names;
import io.tributary.common.stream.StreamNames;
import io.tributary.common.zk.ZkPaths;
import io.tributary.proto.v1.ShardInfo;
import io.tributary.proto.v1.ShardState;
import io.tributary.proto.v1.StreamDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
      return names(session, stream);
    }
  }

  /**
   * Members, leases and checkpoints of each application that keeps state for {@code stream},
   * counted, sorted by name; one session for all of them.
   */
  public static List<ApplicationSummary> summaries(TributaryClient client, String stream,
      ApplicationOptions options) {
    StreamNames.validate(stream);
    try (ZooKeeperSession session = ZooKeeperSession.open(client, options)) {
      ZkPaths paths = new ZkPaths(session.cluster());
      List<ApplicationSummary> summaries = new ArrayList<>();
      for (String app : names(session, stream)) {
        LeaseStore store = new LeaseStore(session.curator(), paths, stream, app);
        if (store.exists()) { // gone since it was listed: nothing left to count
          summaries.add(new ApplicationSummary(app, store.members().size(), store.leases().size(),
              store.checkpoints().size()));
        }
      }
      return summaries;
    }
  }

  /**
   * Leases, owners, checkpoints and lag of every shard of the stream for one application; an
   * application that never ran shows no members, leases nor checkpoints.
   */
  public static ApplicationState describe(TributaryClient client, String stream, String app,
      ApplicationOptions options) {
    return read(client, stream, app, options, false).orElseThrow();
  }

  /** Like {@link #describe}, or empty when the application never ran. */
  public static Optional<ApplicationState> find(TributaryClient client, String stream, String app,
      ApplicationOptions options) {
    return read(client, stream, app, options, true);
  }

  private static Optional<ApplicationState> read(TributaryClient client, String stream, String app,
      ApplicationOptions options, boolean onlyIfRan) {
    StreamNames.validate(stream);
    Names.check("application", app);
    StreamDescription d = client.describeStream(stream, true);
    try (ZooKeeperSession session = ZooKeeperSession.open(client, options)) {
      LeaseStore store = new LeaseStore(session.curator(), new ZkPaths(session.cluster()), stream, app);
      if (onlyIfRan && !store.exists()) {
        return Optional.empty();
      }
      Map<String, LeaseStore.Lease> leases = store.leases();
      Map<String, String> checkpoints = store.checkpoints();
      List<ApplicationState.ShardProgress> shards = new ArrayList<>();
      for (ShardInfo s : d.getShardsList()) {
        LeaseStore.Lease lease = leases.get(s.getShardId());
        String checkpoint = checkpoints.get(s.getShardId());
        shards.add(new ApplicationState.ShardProgress(s.getShardId(), s.getState() != ShardState.CLOSED,
            lease == null ? null : lease.owner(), checkpoint, lag(s, checkpoint)));
      }
      return Optional.of(new ApplicationState(stream, app, List.copyOf(new TreeSet<>(store.members())), shards));
    }
  }

  private static List<String> names(ZooKeeperSession session, String stream) {
    String path = new ZkPaths(session.cluster()).root() + "/applications/" + stream;
    try {
      return List.copyOf(new TreeSet<>(session.curator().getChildren().forPath(path)));
    } catch (KeeperException.NoNodeException none) {
      return List.of();
    } catch (Exception e) {
      throw LeaseStore.failure("list the applications of stream '" + stream + "'", e);
    }
  }

  /** Readable records after the checkpoint: records the retention dropped are no longer anyone's lag. */
  static long lag(ShardInfo s, String checkpoint) {
    if (LeaseStore.SHARD_END.equals(checkpoint)) {
      return 0;
    }
    if (!s.getSequenceRangeKnown()) {
      return -1;
    }
    long firstUnprocessed = s.getFirstSequenceNumber();
    if (checkpoint != null) {
      try {
        firstUnprocessed = Math.max(firstUnprocessed, Long.parseLong(checkpoint) + 1);
      } catch (NumberFormatException e) {
        return -1; // not written by an application of this version: its lag cannot be told
      }
    }
    return Math.max(0, s.getNextSequenceNumber() - firstUnprocessed);
  }
}
