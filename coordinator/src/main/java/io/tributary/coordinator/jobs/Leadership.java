package io.tributary.coordinator.jobs;

import java.util.List;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.api.transaction.TransactionOp;

/**
 * What the JobManager needs of the coordinator's leadership: whether it may act, under which epoch,
 * and fenced ZooKeeper writes. Thread-safe.
 *
 * <p>It keeps the election machinery private to the coordinator package while jobs share its fence.
 */
public interface Leadership {
  boolean isLeader();

  /** The epoch of the current term, or NotLeader naming the leader when this coordinator stands by. */
  long requireLeader();

  /**
   * Commits the operations {@code ops} builds in one ZooKeeper transaction that first checks the
   * current term; NotLeader once a newer leader has begun its term.
   */
  void commit(String what, Ops ops);

  /** Builds the operations of one fenced transaction. */
  @FunctionalInterface
  interface Ops {
    List<CuratorOp> build(TransactionOp op) throws Exception;
  }
}
