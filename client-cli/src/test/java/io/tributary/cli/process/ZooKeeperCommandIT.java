package io.tributary.cli.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.cli.TestCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZooKeeperCommandIT {
  @TempDir Path dir;

  @Test
  void printsReadyServesAndExitsZeroWhenAskedToStop() throws Exception {
    TestCli cli = new TestCli();
    CompletableFuture<TestCli.Result> run = CompletableFuture.supplyAsync(
        () -> cli.execute("zookeeper", "--dir", dir.resolve("zk").toString(), "--port", "0"));

    await().atMost(Duration.ofSeconds(30)).until(() -> cli.outSoFar().contains("\n") || run.isDone());
    String ready = cli.outSoFar().strip();
    assertThat(ready).matches("READY zookeeper standalone 127\\.0\\.0\\.1:\\d+");
    String address = ready.substring(ready.lastIndexOf(' ') + 1);
    try (CuratorFramework client = CuratorFrameworkFactory.newClient(address, 10_000, 5_000, new RetryOneTime(100))) {
      client.start();
      assertThat(client.blockUntilConnected(30, TimeUnit.SECONDS)).isTrue();
      client.create().forPath("/hello");
    }

    cli.stop();
    TestCli.Result result = run.get(30, TimeUnit.SECONDS);

    assertThat(result.exit()).isZero();
    assertThat(result.outLines()).containsExactly(ready);
    try (Stream<Path> files = Files.list(dir.resolve("zk"))) {
      assertThat(files).isNotEmpty();
    }
  }
}
