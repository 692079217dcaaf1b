package io.tributary.worker.report;

import io.tributary.common.stream.MetadataJson;
import io.tributary.common.zk.Registrations;
import io.tributary.common.zk.ZkPaths;
import org.apache.curator.framework.CuratorFramework;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Where the leading coordinator is: the last address that worked or was named (a deployment's
 * coordinator, a NotLeader answer), else the leader node in ZooKeeper. Thread-safe.
 */
public final class CoordinatorLocator {
  private static final Logger LOG = LogManager.getLogger(CoordinatorLocator.class);

  private final CuratorFramework zk;
  private final ZkPaths paths;
  private volatile String current;

  /** @param zk null to rely on hints only (tests) */
  public CoordinatorLocator(CuratorFramework zk, ZkPaths paths) {
    this.zk = zk;
    this.paths = paths;
  }

  /** The address to try, or null when none is known yet. */
  public String current() {
    String address = current;
    return address != null ? address : refresh();
  }

  public void hint(String address) {
    if (address != null && !address.isEmpty()) {
      current = address;
    }
  }

  /** Looks the leader up in ZooKeeper; keeps the previous address when there is none. */
  public String refresh() {
    if (zk == null) {
      return current;
    }
    try {
      byte[] data = zk.getData().forPath(paths.coordinatorLeader());
      Registrations.Leader leader = MetadataJson.read(data, Registrations.Leader.class);
      current = leader.address();
    } catch (Exception e) {
      LOG.debug("no coordinator leader in ZooKeeper at {} yet: {}", paths.coordinatorLeader(), e.toString());
    }
    return current;
  }
}
