package io.tributary.cli.consumer;

import io.tributary.client.TributaryClient;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.common.zk.ZkPaths;
import io.tributary.common.zk.ZooKeeperClients;
import io.tributary.proto.v1.ClusterStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;

/**
 * Reads what consumer applications keep in ZooKeeper (members, leases, checkpoints), found through
 * the coordinator's cluster status. Read-only. Confined to the command's thread. Applications keep
 * their state there instead of in the coordinator, so this is the one place to see it.
 */
final class ApplicationState implements AutoCloseable {
  private static final Duration SESSION = Duration.ofSeconds(10);
  private static final Duration CONNECT_WAIT = Duration.ofSeconds(15);

  private final CuratorFramework zk;
  private final ZkPaths paths;

  /** What one application holds: live members, lease owner and checkpoint per shard id. */
  record Snapshot(List<String> members, Map<String, String> leases, Map<String, String> checkpoints) {}

  private ApplicationState(CuratorFramework zk, ZkPaths paths) {
    this.zk = zk;
    this.paths = paths;
  }

  static ApplicationState connect(TributaryClient client) {
    ClusterStatus status = client.clusterStatus();
    if (status.getZookeeper().isEmpty()) {
      throw new TributaryException(ErrorCode.UNAVAILABLE,
          "the coordinator did not say where its ZooKeeper is; upgrade the coordinators");
    }
    return new ApplicationState(ZooKeeperClients.connect(status.getZookeeper(), SESSION, CONNECT_WAIT),
        new ZkPaths(status.getCluster()));
  }

  /** Names of the applications that ever consumed {@code stream}, sorted. */
  List<String> applications(String stream) {
    String any = paths.application(stream, "-");
    return children(any.substring(0, any.lastIndexOf('/'))).stream().sorted().toList();
  }

  /** The state of one application, or empty when it never ran. */
  Optional<Snapshot> snapshot(String stream, String app) {
    if (!exists(paths.application(stream, app))) {
      return Optional.empty();
    }
    List<String> members = children(paths.applicationMembers(stream, app)).stream().sorted().toList();
    return Optional.of(new Snapshot(members, values(paths.applicationLeases(stream, app)),
        values(paths.applicationCheckpoints(stream, app))));
  }

  private Map<String, String> values(String parent) {
    Map<String, String> values = new TreeMap<>();
    for (String child : children(parent)) {
      byte[] data = read(parent + "/" + child);
      if (data != null) {
        values.put(child, new String(data, StandardCharsets.UTF_8).trim());
      }
    }
    return values;
  }

  private boolean exists(String path) {
    try {
      return zk.checkExists().forPath(path) != null;
    } catch (Exception e) {
      throw failure(path, e);
    }
  }

  private List<String> children(String path) {
    try {
      return zk.getChildren().forPath(path);
    } catch (KeeperException.NoNodeException e) {
      return List.of();
    } catch (Exception e) {
      throw failure(path, e);
    }
  }

  /** The node's data, or null when it vanished meanwhile (a lease of an instance that just died). */
  private byte[] read(String path) {
    try {
      return zk.getData().forPath(path);
    } catch (KeeperException.NoNodeException e) {
      return null;
    } catch (Exception e) {
      throw failure(path, e);
    }
  }

  private static TributaryException failure(String path, Exception e) {
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
    return new TributaryException(ErrorCode.UNAVAILABLE,
        "cannot read " + path + " from ZooKeeper (" + e.getMessage() + "); check that ZooKeeper runs", e);
  }

  @Override
  public void close() {
    zk.close();
  }
}
