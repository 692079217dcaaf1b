package io.tributary.broker;

import io.tributary.common.stream.HashKeyRange;
import io.tributary.common.stream.MetadataJson;
import io.tributary.common.stream.ShardIds;
import io.tributary.common.stream.ShardMetadata;
import io.tributary.common.stream.StreamMetadata;
import io.tributary.common.zk.ZkPaths;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;

/** Writes stream and shard nodes into ZooKeeper as the coordinator would. */
public final class ZkFixture implements AutoCloseable {
  private final CuratorFramework client;
  private final ZkPaths paths;

  public ZkFixture(String connectString, String cluster) {
    this.client = CuratorFrameworkFactory.newClient(connectString, new RetryOneTime(100));
    this.client.start();
    this.paths = new ZkPaths(cluster);
  }

  public CuratorFramework client() {
    return client;
  }

  public ZkPaths paths() {
    return paths;
  }

  /** An ACTIVE stream whose shards split the key space evenly, all led by {@code leader}. */
  public List<ShardMetadata> createStream(String name, String uid, int shards, int leader) throws Exception {
    return createStream(stream(name, uid, StreamMetadata.ACTIVE), shards, leader);
  }

  public List<ShardMetadata> createStream(StreamMetadata stream, int shards, int leader) throws Exception {
    client.create().creatingParentsIfNeeded().forPath(paths.stream(stream.name()), MetadataJson.write(stream));
    List<ShardMetadata> created = new ArrayList<>();
    List<HashKeyRange> ranges = HashKeyRange.uniform(shards);
    for (int i = 0; i < shards; i++) {
      ShardMetadata shard = shard(ShardIds.of(i), ranges.get(i), ShardMetadata.OPEN, leader, List.of());
      client.create().creatingParentsIfNeeded()
          .forPath(paths.shard(stream.name(), shard.shardId()), MetadataJson.write(shard));
      created.add(shard);
    }
    return created;
  }

  public void setStream(StreamMetadata stream) throws Exception {
    client.setData().forPath(paths.stream(stream.name()), MetadataJson.write(stream));
  }

  public void putShard(String stream, ShardMetadata shard) throws Exception {
    String path = paths.shard(stream, shard.shardId());
    if (client.checkExists().forPath(path) == null) {
      client.create().creatingParentsIfNeeded().forPath(path, MetadataJson.write(shard));
    } else {
      client.setData().forPath(path, MetadataJson.write(shard));
    }
  }

  public void deleteStream(String name) throws Exception {
    client.delete().deletingChildrenIfNeeded().forPath(paths.stream(name));
  }

  public static StreamMetadata stream(String name, String uid, String status) {
    return new StreamMetadata(name, uid, status, "PROVISIONED", 24, 1, 0, 0, 0, 0);
  }

  public static ShardMetadata shard(
      String shardId, HashKeyRange range, String state, int leader, List<String> parents) {
    return new ShardMetadata(shardId, range.start().toString(), range.end().toString(), parents, state, leader, 1,
        List.of(leader), List.of(leader), -1);
  }

  @Override
  public void close() {
    client.close();
  }
}
