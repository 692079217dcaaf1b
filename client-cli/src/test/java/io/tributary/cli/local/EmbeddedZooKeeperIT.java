package io.tributary.cli.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.error.TributaryException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedZooKeeperIT {
  @TempDir Path dir;

  @Test
  void servesClientsAndKeepsDataAcrossARestart() throws Exception {
    try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.start(dir, "127.0.0.1", 0, true, Duration.ofSeconds(30))) {
      assertThat(zk.port()).isPositive();
      try (CuratorFramework client = connect(zk.connectString())) {
        client.create().creatingParentsIfNeeded().forPath("/tributary/x", "hello".getBytes(StandardCharsets.UTF_8));
      }
    }
    try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.start(dir, "127.0.0.1", 0, true, Duration.ofSeconds(30));
        CuratorFramework client = connect(zk.connectString())) {
      assertThat(new String(client.getData().forPath("/tributary/x"), StandardCharsets.UTF_8)).isEqualTo("hello");
    }
  }

  @Test
  void closeReleasesThePort() throws Exception {
    int port;
    try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.start(dir, "127.0.0.1", 0, true, Duration.ofSeconds(30))) {
      port = zk.port();
    }
    try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
      assertThat(again.getLocalPort()).isEqualTo(port);
    }
  }

  @Test
  void aTakenPortIsReported() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      assertThatThrownBy(() -> EmbeddedZooKeeper.start(dir, "127.0.0.1", taken.getLocalPort(), true, Duration.ofSeconds(30)))
          .isInstanceOf(TributaryException.class).hasMessageContaining("ZooKeeper did not start");
    }
  }

  private static CuratorFramework connect(String connect) throws InterruptedException {
    CuratorFramework client = CuratorFrameworkFactory.newClient(connect, 10_000, 5_000, new RetryOneTime(100));
    client.start();
    assertThat(client.blockUntilConnected(30, TimeUnit.SECONDS)).isTrue();
    return client;
  }
}
