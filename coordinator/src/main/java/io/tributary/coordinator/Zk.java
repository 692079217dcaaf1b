package io.tributary.coordinator;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.Errors;
import io.tributary.common.error.TributaryException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;

/**
 * Runs one ZooKeeper call and turns its checked failures into the error vocabulary. Stateless.
 *
 * <p>Curator declares {@code throws Exception} everywhere; translating in one place keeps the wording
 * of "ZooKeeper is unreachable" the same for every request. A call made while disconnected waits a
 * short, bounded time instead of sitting through Curator's whole retry schedule, so that a coordinator
 * cut off from ZooKeeper answers quickly and the client can ask another one.
 */
final class Zk {
  private static final Duration CONNECT_WAIT = Duration.ofSeconds(2);

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

  static <T> T call(CuratorFramework zk, String what, Call<T> call) {
    awaitConnected(zk, what);
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

  static void run(CuratorFramework zk, String what, Action action) {
    call(zk, what, () -> {
      action.run();
      return null;
    });
  }

  private static void awaitConnected(CuratorFramework zk, String what) {
    if (zk.getZookeeperClient().isConnected()) {
      return;
    }
    try {
      if (zk.blockUntilConnected((int) CONNECT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw Errors.unavailable("this coordinator has lost its ZooKeeper connection (while " + what
        + "); retry, or ask another coordinator");
  }
}
