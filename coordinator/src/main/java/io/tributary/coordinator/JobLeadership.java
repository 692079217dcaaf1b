package io.tributary.coordinator;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.common.zk.ZkPaths;
import io.tributary.coordinator.jobs.Leadership;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;

/**
 * The coordinator's leadership as the JobManager sees it: the same state, term and fence that
 * stream changes use. Thread-safe (holds no state of its own).
 */
final class JobLeadership implements Leadership {
  private final CuratorFramework zk;
  private final LeadershipState state;
  private final FencedTransactions transactions;

  JobLeadership(CuratorFramework zk, ZkPaths paths, LeadershipState state) {
    this.zk = zk;
    this.state = state;
    this.transactions = new FencedTransactions(zk, paths);
  }

  @Override
  public boolean isLeader() {
    return state.isLeader();
  }

  @Override
  public long requireLeader() {
    return state.requireLeader().epoch();
  }

  @Override
  public void commit(String what, Ops ops) {
    state.act(term -> {
      List<CuratorOp> all = Zk.call(zk, what, () -> {
        List<CuratorOp> fenced = transactions.begin(term);
        fenced.addAll(ops.build(zk.transactionOp()));
        return fenced;
      });
      FencedTransactions.Failure failure = transactions.commit(all, term, what);
      if (failure != null) {
        // The leader is the only writer of job nodes, so a conflict means someone edited them by hand.
        throw new TributaryException(ErrorCode.UNAVAILABLE, "the job metadata changed while " + what + " ("
            + failure.code() + " at step " + failure.index() + "); retry", failure.cause());
      }
      return null;
    });
  }
}
