package io.tributary.coordinator;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.Errors;
import io.tributary.common.error.TributaryException;
import org.apache.zookeeper.KeeperException;

/**
 * Runs one ZooKeeper call and turns its checked failures into the error vocabulary. Stateless.
 *
 * <p>Curator declares {@code throws Exception} everywhere; translating in one place keeps the wording
 * of "ZooKeeper is unreachable" the same for every request.
 */
final class Zk {
  /** A ZooKeeper call as Curator declares it. */
  @FunctionalInterface
  interface Call<T> {
    T call() throws Exception;
  }

  /** A ZooKeeper call without a result. */
  @FunctionalInterface
  interface Action {
    void run() throws Exception;
  }

  private Zk() {}

  static <T> T call(String what, Call<T> call) {
    try {
      return call.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Errors.unavailable("interrupted while " + what + "; retry");
    } catch (KeeperException.ConnectionLossException
        | KeeperException.SessionExpiredException
        | KeeperException.OperationTimeoutException e) {
      throw new TributaryException(ErrorCode.UNAVAILABLE,
          "ZooKeeper did not answer while " + what + " (" + e.code()
              + "); check that ZooKeeper runs, then retry", e);
    } catch (Exception e) {
      throw new TributaryException(ErrorCode.INTERNAL,
          "ZooKeeper failed while " + what + ": " + e.getMessage() + "; see the coordinator log", e);
    }
  }

  static void run(String what, Action action) {
    call(what, () -> {
      action.run();
      return null;
    });
  }
}
