package io.tributary.cli.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.cli.TestCli;
import io.tributary.common.testing.FreePorts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three {@code trib zookeeper --id N --ensemble ...} servers in this JVM form a quorum that survives one loss. */
class ZooKeeperEnsembleIT {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;

  private final List<TestCli> clis = new ArrayList<>();
  private final List<CompletableFuture<TestCli.Result>> runs = new ArrayList<>();

  @AfterEach
  void stopAll() throws Exception {
    clis.forEach(TestCli::stop);
    for (CompletableFuture<TestCli.Result> run : runs) {
      run.get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void threeServersServeAndKeepServingWhenOneStops() throws Exception {
    int[] ports = FreePorts.next(9);
    StringJoiner ensemble = new StringJoiner(",");
    StringJoiner connect = new StringJoiner(",");
    for (int i = 0; i < 3; i++) {
      ensemble.add("127.0.0.1:" + ports[3 + i] + ":" + ports[6 + i]);
      connect.add("127.0.0.1:" + ports[i]);
    }
    for (int id = 1; id <= 3; id++) {
      start(id, ports[id - 1], ensemble.toString());
    }
    for (int id = 1; id <= 3; id++) {
      TestCli cli = clis.get(id - 1);
      CompletableFuture<TestCli.Result> run = runs.get(id - 1);
      await().atMost(WAIT).until(() -> cli.outSoFar().contains("\n") || run.isDone());
      assertThat(cli.outSoFar().strip()).isEqualTo("READY zookeeper " + id + " 127.0.0.1:" + ports[id - 1]);
      assertThat(Files.readString(dir.resolve("zk" + id).resolve("myid"), StandardCharsets.US_ASCII).strip())
          .isEqualTo(Integer.toString(id));
    }

    try (CuratorFramework client = CuratorFrameworkFactory.newClient(
        connect.toString(), 10_000, 5_000, new ExponentialBackoffRetry(200, 10))) {
      client.start();
      assertThat(client.blockUntilConnected(30, TimeUnit.SECONDS)).isTrue();
      client.create().forPath("/before", "one".getBytes(StandardCharsets.UTF_8));

      // Server 3 has the highest id, so it is most likely the leader: its loss forces an election.
      clis.get(2).stop();
      assertThat(runs.get(2).get(30, TimeUnit.SECONDS).exit()).isZero();

      await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
        assertThat(new String(client.getData().forPath("/before"), StandardCharsets.UTF_8)).isEqualTo("one");
        if (client.checkExists().forPath("/after") == null) {
          client.create().forPath("/after", "two".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(new String(client.getData().forPath("/after"), StandardCharsets.UTF_8)).isEqualTo("two");
      });
    }
  }

  @Test
  void refusesAnIdOutsideTheEnsemble() {
    TestCli.Result result = TestCli.run("zookeeper", "--dir", dir.resolve("zk").toString(), "--port", "2181",
        "--id", "4", "--ensemble", "a:1:2,b:1:2,c:1:2");

    assertThat(result.exit()).isNotZero();
    assertThat(result.err()).contains("--id 4 is not in the ensemble; use 1 to 3");
  }

  @Test
  void refusesAnEnsembleOfTwo() {
    TestCli.Result result = TestCli.run("zookeeper", "--dir", dir.resolve("zk").toString(), "--port", "2181",
        "--id", "1", "--ensemble", "a:1:2,b:1:2");

    assertThat(result.exit()).isNotZero();
    assertThat(result.err()).contains("an ensemble needs at least 3");
  }

  private void start(int id, int clientPort, String ensemble) {
    TestCli cli = new TestCli();
    clis.add(cli);
    runs.add(CompletableFuture.supplyAsync(() -> cli.execute("zookeeper",
        "--dir", dir.resolve("zk" + id).toString(), "--port", Integer.toString(clientPort),
        "--id", Integer.toString(id), "--ensemble", ensemble)));
  }
}
