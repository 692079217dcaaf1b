package io.tributary.broker.internal;

import io.tributary.common.stream.MetadataJson;
import io.tributary.common.zk.Registrations;
import io.tributary.common.zk.ZkPaths;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;

/**
 * Where another broker serves, from its registration in ZooKeeper (as the coordinator finds
 * brokers). Thread-safe.
 */
final class BrokerAddresses {
  private final CuratorFramework zk;
  private final ZkPaths paths;

  BrokerAddresses(CuratorFramework zk, ZkPaths paths) {
    this.zk = zk;
    this.paths = paths;
  }

  /**
   * The HOST:PORT broker {@code id} registered, or null while it is not registered (down).
   *
   * @throws IllegalStateException if ZooKeeper cannot be read
   */
  String address(int id) {
    try {
      byte[] data = zk.getData().forPath(paths.broker(id));
      return MetadataJson.read(data, Registrations.Broker.class).address();
    } catch (KeeperException.NoNodeException e) {
      return null;
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the registration of broker " + id + " from ZooKeeper: "
          + e.getMessage(), e);
    }
  }
}
