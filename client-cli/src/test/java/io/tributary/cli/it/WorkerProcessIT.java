package io.tributary.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.cli.output.Json;
import io.tributary.common.zk.ZkPaths;
import io.tributary.common.zk.ZooKeeperClients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trib worker} as a real process: READY line, ZooKeeper registration, clean exit on SIGTERM. */
class WorkerProcessIT {
  @TempDir Path dir;

  @Test
  void aWorkerRegistersItsSlotsPrintsReadyAndLeavesOnSigterm() throws Exception {
    try (TestingServer zookeeper = new TestingServer(true);
        CuratorFramework zk = ZooKeeperClients.connect(zookeeper.getConnectString(), Duration.ofSeconds(10),
            Duration.ofSeconds(30))) {
      TribProcess worker = TribProcess.start("w1", dir, Map.of(), "worker", "--zookeeper",
          zookeeper.getConnectString(), "--cluster", "wit", "--port", "0", "--dir", dir.resolve("w1").toString(),
          "--id", "w1", "--slots", "3");
      try {
        String address = worker.awaitReady();

        assertThat(worker.readyLine()).matches("READY worker w1 127\\.0\\.0\\.1:\\d+");
        String node = new ZkPaths("wit").worker("w1");
        JsonNode registration = Json.MAPPER.readTree(zk.getData().forPath(node));
        assertThat(registration.get("address").asText()).isEqualTo(address);
        assertThat(registration.get("slots").asInt()).isEqualTo(3);

        worker.close();
        assertThat(worker.exitValue()).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> zk.checkExists().forPath(node) == null);
      } finally {
        worker.close();
      }
    }
  }
}
