package io.tributary.coordinator.delivery;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.common.stream.MetadataJson;
import io.tributary.common.zk.ZkPaths;
import io.tributary.coordinator.jobs.Leadership;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;

/**
 * Delivery stream nodes in ZooKeeper: reads for any coordinator, writes fenced by the leader's term.
 * Thread-safe (holds no state of its own).
 */
public final class DeliveryCatalog {
  private final CuratorFramework zk;
  private final ZkPaths paths;
  private final Leadership leadership;

  public DeliveryCatalog(CuratorFramework zk, ZkPaths paths, Leadership leadership) {
    this.zk = zk;
    this.paths = paths;
    this.leadership = leadership;
  }

  public Optional<DeliveryRecord> find(String name) {
    return call("reading delivery stream '" + name + "'", () -> {
      try {
        return Optional.of(MetadataJson.read(zk.getData().forPath(paths.deliveryStream(name)), DeliveryRecord.class));
      } catch (KeeperException.NoNodeException e) {
        return Optional.empty();
      }
    });
  }

  /** Every delivery stream, by name. */
  public List<DeliveryRecord> all() {
    List<String> names = call("listing delivery streams", () -> {
      try {
        return zk.getChildren().forPath(paths.deliveryStreams());
      } catch (KeeperException.NoNodeException e) {
        return List.<String>of();
      }
    });
    List<DeliveryRecord> out = new ArrayList<>(names.size());
    for (String name : names.stream().sorted().toList()) {
      find(name).ifPresent(out::add);
    }
    return out;
  }

  /** Stores a new node; ResourceInUse when another create of the same name won. */
  public void create(DeliveryRecord record) {
    ensureParent();
    try {
      leadership.commit("creating delivery stream '" + record.name() + "'",
          op -> List.of(op.create().forPath(paths.deliveryStream(record.name()), MetadataJson.write(record))));
    } catch (TributaryException e) {
      if (find(record.name()).isPresent()) {
        throw DeliveryErrors.exists(record.name());
      }
      throw e;
    }
  }

  public void update(DeliveryRecord record) {
    leadership.commit("updating delivery stream '" + record.name() + "'",
        op -> List.of(op.setData().forPath(paths.deliveryStream(record.name()), MetadataJson.write(record))));
  }

  public void delete(String name) {
    leadership.commit("deleting delivery stream '" + name + "'",
        op -> List.of(op.delete().forPath(paths.deliveryStream(name))));
  }

  private void ensureParent() {
    call("creating " + paths.deliveryStreams(), () -> {
      try {
        zk.create().creatingParentsIfNeeded().forPath(paths.deliveryStreams());
      } catch (KeeperException.NodeExistsException e) {
        // created by an earlier delivery stream: nothing to do
      }
      return null;
    });
  }

  private interface ZkCall<T> {
    T call() throws Exception;
  }

  private static <T> T call(String what, ZkCall<T> call) {
    try {
      return call.call();
    } catch (TributaryException e) {
      throw e;
    } catch (Exception e) {
      throw new TributaryException(ErrorCode.UNAVAILABLE, "ZooKeeper failed while " + what + ": " + e
          + "; retry once ZooKeeper is reachable", e);
    }
  }
}
