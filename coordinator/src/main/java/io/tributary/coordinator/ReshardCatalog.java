package io.tributary.coordinator;

import io.tributary.common.error.Errors;
import io.tributary.common.stream.MetadataJson;
import io.tributary.common.stream.ShardMetadata;
import io.tributary.common.zk.ZkPaths;
import io.tributary.coordinator.FencedTransactions.Failure;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * Resharding in ZooKeeper: the scaling history of a stream, and the one transaction that applies a
 * {@link ReshardPlan}. Thread-safe (holds no state of its own).
 *
 * <p>One transaction, checked against the stream node's version and the leader's term, means readers
 * never see a stream whose open shards fail to cover the key space.
 */
final class ReshardCatalog {
  private final CuratorFramework zk;
  private final ZkPaths paths;
  private final FencedTransactions transactions;

  ReshardCatalog(CuratorFramework zk, ZkPaths paths) {
    this.zk = zk;
    this.paths = paths;
    this.transactions = new FencedTransactions(zk, paths);
  }

  /** The stream's scaling history; empty when it was never resharded. */
  ScalingHistory history(String stream) {
    return Zk.call(zk, "reading the scaling history of stream '" + stream + "'", () -> {
      Stat stat = new Stat();
      try {
        byte[] data = zk.getData().storingStatIn(stat).forPath(paths.scalingHistory(stream));
        return ScalingHistory.parse(data, stat.getVersion());
      } catch (KeeperException.NoNodeException e) {
        return ScalingHistory.NONE;
      }
    });
  }

  /** Writes the plan: stream UPDATING, parents CLOSED, children created, history updated. */
  void apply(ReshardPlan plan, ScalingHistory history, Term term) {
    String name = plan.read().name();
    String what = "resharding stream '" + name + "'";
    List<CuratorOp> ops = Zk.call(zk, "preparing " + what, () -> {
      List<CuratorOp> all = transactions.begin(term);
      all.add(zk.transactionOp().setData().withVersion(plan.read().version())
          .forPath(paths.stream(name), MetadataJson.write(plan.changed())));
      for (ShardMetadata shard : plan.closed()) {
        all.add(zk.transactionOp().setData().forPath(paths.shard(name, shard.shardId()), MetadataJson.write(shard)));
      }
      for (ShardMetadata shard : plan.created()) {
        all.add(zk.transactionOp().create().forPath(paths.shard(name, shard.shardId()), MetadataJson.write(shard)));
      }
      byte[] events = history.withNewest(plan.event());
      all.add(history.exists()
          ? zk.transactionOp().setData().withVersion(history.version()).forPath(paths.scalingHistory(name), events)
          : zk.transactionOp().create().forPath(paths.scalingHistory(name), events));
      return all;
    });
    Failure failure = transactions.commit(ops, term, what);
    if (failure != null) {
      if (failure.index() == 1 && failure.code() == KeeperException.Code.NONODE) {
        throw Errors.streamNotFound(name);
      }
      throw failure.asError(what);
    }
  }
}
