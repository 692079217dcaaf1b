package io.tributary.common.zk;

import io.tributary.common.error.Errors;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;

/** Creates Curator clients the same way in every process. */
public final class ZooKeeperClients {
  private ZooKeeperClients() {}

  /** Connects and waits (bounded) for the first connection. */
  public static CuratorFramework connect(String connectString, Duration sessionTimeout, Duration connectWait) {
    CuratorFramework client =
        CuratorFrameworkFactory.builder()
            .connectString(connectString)
            .sessionTimeoutMs((int) sessionTimeout.toMillis())
            .connectionTimeoutMs((int) Math.min(sessionTimeout.toMillis(), 15_000))
            .retryPolicy(new ExponentialBackoffRetry(100, 10, 2_000))
            .build();
    client.start();
    try {
      if (!client.blockUntilConnected((int) connectWait.toMillis(), TimeUnit.MILLISECONDS)) {
        client.close();
        throw Errors.unavailable(
            "cannot reach ZooKeeper at " + connectString + " within " + connectWait.toSeconds()
                + "s; check --zookeeper and that the server runs");
      }
    } catch (InterruptedException e) {
      client.close();
      Thread.currentThread().interrupt();
      throw Errors.unavailable("interrupted while connecting to ZooKeeper");
    }
    return client;
  }
}
