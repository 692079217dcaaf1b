package io.tributary.client.app;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.common.zk.ZkPaths;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * One application's state in ZooKeeper: live members, shard leases (ephemeral nodes holding the
 * owner's instance id) and checkpoints (persistent nodes holding a sequence number or SHARD_END).
 * Thread-safe (Curator is). ZooKeeper plays the part of the Kinesis Client Library's lease table.
 */
final class LeaseStore {
  static final String SHARD_END = "SHARD_END";

  private final CuratorFramework curator;
  private final String application;
  private final String members;
  private final String leases;
  private final String checkpoints;

  /** A lease as ZooKeeper holds it: owner instance, the node's version and its session. */
  record Lease(String owner, int version, long session) {}

  LeaseStore(CuratorFramework curator, ZkPaths paths, String stream, String app) {
    this.curator = curator;
    this.application = paths.application(stream, app);
    this.members = paths.applicationMembers(stream, app);
    this.leases = paths.applicationLeases(stream, app);
    this.checkpoints = paths.applicationCheckpoints(stream, app);
  }

  /** Whether the application ever ran: an instance creates its node on joining and it stays. */
  boolean exists() {
    try {
      return curator.checkExists().forPath(application) != null;
    } catch (Exception e) {
      throw failure("read " + application, e);
    }
  }

  String memberPath(String instanceId) {
    return members + "/" + instanceId;
  }

  List<String> members() {
    return children(members);
  }

  /** Every lease by shard id. */
  Map<String, Lease> leases() {
    Map<String, Lease> out = new HashMap<>();
    for (String shard : children(leases)) {
      Stat stat = new Stat();
      String owner = read(leases + "/" + shard, stat);
      if (owner != null) {
        out.put(shard, new Lease(owner, stat.getVersion(), stat.getEphemeralOwner()));
      }
    }
    return out;
  }

  /** Every checkpoint by shard id. */
  Map<String, String> checkpoints() {
    Map<String, String> out = new HashMap<>();
    for (String shard : children(checkpoints)) {
      String value = read(checkpoints + "/" + shard, null);
      if (value != null) {
        out.put(shard, value);
      }
    }
    return out;
  }

  String checkpoint(String shardId) {
    return read(checkpoints + "/" + shardId, null);
  }

  /** Takes a free lease; returns its version, or -1 when another instance holds it. */
  int acquire(String shardId, String instanceId) {
    try {
      Stat stat = new Stat();
      curator.create().storingStatIn(stat).creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL)
          .forPath(leases + "/" + shardId, bytes(instanceId));
      return stat.getVersion();
    } catch (KeeperException.NodeExistsException taken) {
      return -1;
    } catch (Exception e) {
      throw failure("take the lease of shard '" + shardId + "'", e);
    }
  }

  /** Whether the lease node is still the one this session created at {@code version}. */
  boolean owns(String shardId, int version) {
    try {
      Stat stat = curator.checkExists().forPath(leases + "/" + shardId);
      return stat != null && stat.getVersion() == version && stat.getEphemeralOwner() == session();
    } catch (Exception e) {
      throw failure("check the lease of shard '" + shardId + "'", e);
    }
  }

  /**
   * Writes a checkpoint in one transaction with a check of the lease node's version; returns false
   * when the lease is no longer this session's.
   */
  boolean checkpoint(String shardId, int leaseVersion, String value) {
    if (!owns(shardId, leaseVersion)) {
      return false;
    }
    String path = checkpoints + "/" + shardId;
    try {
      ensure(checkpoints);
      CuratorOp write = curator.checkExists().forPath(path) == null
          ? curator.transactionOp().create().forPath(path, bytes(value))
          : curator.transactionOp().setData().forPath(path, bytes(value));
      curator.transaction().forOperations(
          curator.transactionOp().check().withVersion(leaseVersion).forPath(leases + "/" + shardId), write);
      return true;
    } catch (KeeperException.NoNodeException | KeeperException.BadVersionException lost) {
      return false;
    } catch (Exception e) {
      throw failure("checkpoint shard '" + shardId + "'", e);
    }
  }

  /** Deletes the lease if this session still holds it. */
  void release(String shardId, int version) {
    try {
      if (owns(shardId, version)) {
        curator.delete().withVersion(version).forPath(leases + "/" + shardId);
      }
    } catch (KeeperException.NoNodeException | KeeperException.BadVersionException gone) {
      // someone else's now, or already gone with the session: nothing of ours to release
    } catch (Exception e) {
      throw failure("release the lease of shard '" + shardId + "'", e);
    }
  }

  private long session() throws Exception {
    return curator.getZookeeperClient().getZooKeeper().getSessionId();
  }

  private void ensure(String path) throws Exception {
    try {
      if (curator.checkExists().forPath(path) == null) {
        curator.create().creatingParentsIfNeeded().forPath(path);
      }
    } catch (KeeperException.NodeExistsException raced) {
      // another instance created it first: it exists, which is all we need
    }
  }

  private List<String> children(String path) {
    try {
      return curator.getChildren().forPath(path);
    } catch (KeeperException.NoNodeException none) {
      return List.of();
    } catch (Exception e) {
      throw failure("list " + path, e);
    }
  }

  private String read(String path, Stat stat) {
    try {
      byte[] data = stat == null ? curator.getData().forPath(path) : curator.getData().storingStatIn(stat).forPath(path);
      return new String(data, StandardCharsets.UTF_8);
    } catch (KeeperException.NoNodeException gone) {
      return null;
    } catch (Exception e) {
      throw failure("read " + path, e);
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static TributaryException failure(String what, Exception e) {
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
    return new TributaryException(ErrorCode.UNAVAILABLE,
        "could not " + what + " in ZooKeeper (" + e + "); check that ZooKeeper is reachable", e);
  }
}
