package io.tributary.cli.it;

import io.tributary.common.zk.ZkPaths;
import io.tributary.common.zk.ZooKeeperClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.data.Stat;

/**
 * What ZooKeeper itself holds about a cluster, read by a client of the test's own: the registered
 * brokers with the sessions that own them, and the stream's shard nodes. Tells apart a broker whose
 * session never expired from a coordinator that missed the expiry. Stateless.
 */
final class ZooKeeperView {
  private ZooKeeperView() {}

  static String describe(String connect, String cluster, String stream) {
    ZkPaths paths = new ZkPaths(cluster);
    StringBuilder out = new StringBuilder();
    try (CuratorFramework zk = ZooKeeperClients.connect(connect, Duration.ofSeconds(10), Duration.ofSeconds(10))) {
      for (String broker : zk.getChildren().forPath(paths.brokers())) {
        Stat stat = new Stat();
        byte[] data = zk.getData().storingStatIn(stat).forPath(paths.brokers() + "/" + broker);
        out.append("broker ").append(broker).append(" owned by session 0x").append(Long.toHexString(stat.getEphemeralOwner()))
            .append(": ").append(new String(data, StandardCharsets.UTF_8)).append('\n');
      }
      for (String shard : zk.getChildren().forPath(paths.shards(stream))) {
        Stat stat = new Stat();
        byte[] data = zk.getData().storingStatIn(stat).forPath(paths.shard(stream, shard));
        out.append(shard).append(" v").append(stat.getVersion()).append(": ")
            .append(new String(data, StandardCharsets.UTF_8)).append('\n');
      }
    } catch (Exception e) {
      out.append("ZooKeeper unreadable: ").append(e).append('\n');
    }
    return out.toString();
  }
}
