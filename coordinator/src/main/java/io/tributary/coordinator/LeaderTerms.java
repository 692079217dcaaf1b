package io.tributary.coordinator;

import io.tributary.common.stream.MetadataJson;
import io.tributary.common.zk.Registrations;
import io.tributary.common.zk.ZkPaths;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.api.transaction.CuratorTransactionResult;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Begins leadership terms: increments the persistent epoch counter by compare-and-set and announces
 * the new leader, both in one ZooKeeper transaction. Thread-safe (holds no state of its own).
 *
 * <p>Doing both at once means the leader node never names a leader under an epoch that another
 * coordinator has since superseded.
 */
final class LeaderTerms {
  private static final Logger LOG = LogManager.getLogger(LeaderTerms.class);
  private static final int ATTEMPTS = 5;

  private final CuratorFramework zk;
  private final ZkPaths paths;

  LeaderTerms(CuratorFramework zk, ZkPaths paths) {
    this.zk = zk;
    this.paths = paths;
  }

  /** Starts a new term for {@code self}; retries a few times when it races another writer. */
  Term begin(Registrations.Coordinator self) throws Exception {
    for (int attempt = 1; ; attempt++) {
      try {
        return tryBegin(self);
      } catch (KeeperException.BadVersionException
          | KeeperException.NodeExistsException
          | KeeperException.NoNodeException e) {
        if (attempt == ATTEMPTS) {
          throw e;
        }
        LOG.debug("starting a term raced another writer ({}); attempt {}", e.code(), attempt + 1);
      }
    }
  }

  private Term tryBegin(Registrations.Coordinator self) throws Exception {
    Stat stat = new Stat();
    long epoch = parseEpoch(zk.getData().storingStatIn(stat).forPath(paths.coordinatorEpoch())) + 1;
    byte[] leader = MetadataJson.write(new Registrations.Leader(self.id(), self.address(), epoch));
    List<CuratorOp> ops = new ArrayList<>(3);
    ops.add(zk.transactionOp().setData().withVersion(stat.getVersion())
        .forPath(paths.coordinatorEpoch(), Long.toString(epoch).getBytes(StandardCharsets.US_ASCII)));
    if (zk.checkExists().forPath(paths.coordinatorLeader()) != null) {
      ops.add(zk.transactionOp().delete().forPath(paths.coordinatorLeader())); // a stale announcement
    }
    ops.add(zk.transactionOp().create().withMode(CreateMode.EPHEMERAL).forPath(paths.coordinatorLeader(), leader));
    List<CuratorTransactionResult> results = zk.transaction().forOperations(ops);
    Stat written = results.get(0).getResultStat();
    return new Term(epoch, written != null ? written.getVersion() : stat.getVersion() + 1);
  }

  static long parseEpoch(byte[] data) {
    String text = new String(data, StandardCharsets.US_ASCII).trim();
    if (text.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalStateException("the coordinator epoch node holds '" + text
          + "', not a number; restore it to the highest epoch in use (see the coordinator logs)", e);
    }
  }
}
