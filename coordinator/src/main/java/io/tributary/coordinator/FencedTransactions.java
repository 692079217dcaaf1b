package io.tributary.coordinator;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.common.zk.ZkPaths;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.OpResult;

/**
 * Builds and commits the leader's ZooKeeper transactions, each starting with the check of the
 * writer's term on the epoch node. Thread-safe (holds no state of its own).
 *
 * <p>One place for the fence keeps every metadata writer (streams, resharding, consumers) unable to
 * write under a superseded term.
 */
final class FencedTransactions {
  private final CuratorFramework zk;
  private final ZkPaths paths;

  FencedTransactions(CuratorFramework zk, ZkPaths paths) {
    this.zk = zk;
    this.paths = paths;
  }

  /** Operations of one transaction, the fence first; build them inside {@link Zk#run}. */
  List<CuratorOp> begin(Term term) throws Exception {
    List<CuratorOp> ops = new ArrayList<>();
    ops.add(zk.transactionOp().check().withVersion(term.epochVersion()).forPath(paths.coordinatorEpoch()));
    return ops;
  }

  /** Commits {@code ops}; returns null on success, or which operation failed and why. */
  Failure commit(List<CuratorOp> ops, Term term, String what) {
    return Zk.call(zk, what, () -> {
      try {
        zk.transaction().forOperations(ops);
        return null;
      } catch (KeeperException e) {
        Failure failure = Failure.of(e);
        if (failure.index() == 0) {
          throw new FencedOutException(term);
        }
        return failure;
      }
    });
  }

  /** The first operation of a failed transaction that failed, and its error. */
  record Failure(int index, KeeperException.Code code, KeeperException cause) {
    static Failure of(KeeperException e) throws KeeperException {
      List<OpResult> results = e.getResults();
      if (results == null) {
        throw e; // not a transaction outcome (connection loss): reported by Zk.call
      }
      for (int i = 0; i < results.size(); i++) {
        if (results.get(i) instanceof OpResult.ErrorResult error
            && error.getErr() != KeeperException.Code.OK.intValue()
            && error.getErr() != KeeperException.Code.RUNTIMEINCONSISTENCY.intValue()) {
          return new Failure(i, KeeperException.Code.get(error.getErr()), e);
        }
      }
      return new Failure(-1, e.code(), e);
    }

    TributaryException asError(String what) {
      // The leader serializes its changes, so a conflict means someone else edited the metadata.
      return new TributaryException(ErrorCode.UNAVAILABLE,
          "the stream metadata changed while " + what + " (" + code + " at step " + index + "); retry", cause);
    }
  }
}
