package io.tributary.coordinator;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.Errors;
import io.tributary.common.error.TributaryException;
import io.tributary.common.stream.MetadataJson;
import io.tributary.common.stream.ShardMetadata;
import io.tributary.common.stream.StreamMetadata;
import io.tributary.common.zk.ZkPaths;
import io.tributary.coordinator.FencedTransactions.Failure;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * Stream and shard metadata in ZooKeeper: reads for any coordinator, fenced writes for the leader.
 * Thread-safe (holds no state of its own).
 *
 * <p>Every write is one ZooKeeper transaction that starts by checking the writer's term on the epoch
 * node, so a change is either wholly applied by the current leader or not at all.
 */
final class StreamCatalog {
  private final CuratorFramework zk;
  private final ZkPaths paths;
  private final FencedTransactions transactions;

  StreamCatalog(CuratorFramework zk, ZkPaths paths) {
    this.zk = zk;
    this.paths = paths;
    this.transactions = new FencedTransactions(zk, paths);
  }

  /** The names of every stream, sorted, including those being deleted. */
  List<String> streamNames() {
    return Zk.call(zk, "listing streams", () -> zk.getChildren().forPath(paths.streams())).stream().sorted().toList();
  }

  /** Every stream, by name, including those being deleted. */
  List<StreamSnapshot> all() {
    List<String> names = Zk.call(zk, "listing streams", () -> zk.getChildren().forPath(paths.streams()));
    List<StreamSnapshot> streams = new ArrayList<>(names.size());
    for (String name : names.stream().sorted().toList()) {
      find(name).ifPresent(streams::add);
    }
    return streams;
  }

  Optional<StreamSnapshot> find(String name) {
    String what = "reading stream '" + name + "'";
    return Zk.call(zk, what, () -> {
      Stat stat = new Stat();
      byte[] data;
      try {
        data = zk.getData().storingStatIn(stat).forPath(paths.stream(name));
      } catch (KeeperException.NoNodeException e) {
        return Optional.empty();
      }
      StreamMetadata stream = MetadataJson.read(data, StreamMetadata.class);
      return Optional.of(new StreamSnapshot(stream, stat.getVersion(), readShards(name)));
    });
  }

  StreamSnapshot get(String name) {
    return find(name).orElseThrow(() -> Errors.streamNotFound(name));
  }

  /** How many open shards each broker leads and holds, across all streams. */
  ReplicaPlacement.Load load() {
    ReplicaPlacement.Load load = ReplicaPlacement.Load.empty();
    for (StreamSnapshot stream : all()) {
      for (ShardMetadata shard : stream.shards()) {
        if (shard.open()) {
          load.add(shard.leader(), shard.replicas());
        }
      }
    }
    return load;
  }

  /** A stream's shards with their node versions, ordered by id; empty if the stream is gone. */
  List<VersionedShard> versionedShards(String name) {
    return Zk.call(zk, "reading the shards of stream '" + name + "'", () -> {
      List<String> ids;
      try {
        ids = zk.getChildren().forPath(paths.shards(name));
      } catch (KeeperException.NoNodeException e) {
        return List.of();
      }
      List<VersionedShard> shards = new ArrayList<>(ids.size());
      for (String id : ids.stream().sorted().toList()) {
        readShard(name, id).ifPresent(shards::add);
      }
      return shards;
    });
  }

  /** One shard with its node version, if it exists. */
  Optional<VersionedShard> findShard(String name, String shardId) {
    return Zk.call(zk, "reading shard '" + shardId + "' of stream '" + name + "'", () -> readShard(name, shardId));
  }

  private Optional<VersionedShard> readShard(String name, String shardId) throws Exception {
    Stat stat = new Stat();
    try {
      byte[] data = zk.getData().storingStatIn(stat).forPath(paths.shard(name, shardId));
      return Optional.of(new VersionedShard(MetadataJson.read(data, ShardMetadata.class), stat.getVersion()));
    } catch (KeeperException.NoNodeException e) {
      return Optional.empty();
    }
  }

  /**
   * Replaces shard nodes of one stream in one fenced transaction, each only if it still has the
   * version that was read; returns null on success, or the failure (a stale version means a broker
   * changed the in-sync set meanwhile: re-read and decide again).
   */
  Failure writeShards(String name, List<VersionedShard> read, List<ShardMetadata> changed, Term term) {
    List<CuratorOp> ops = new ArrayList<>(read.size() + 1);
    Zk.run(zk, "preparing shard changes of stream '" + name + "'", () -> {
      ops.addAll(transactions.begin(term));
      for (int i = 0; i < read.size(); i++) {
        ops.add(zk.transactionOp().setData().withVersion(read.get(i).version())
            .forPath(paths.shard(name, changed.get(i).shardId()), MetadataJson.write(changed.get(i))));
      }
    });
    return transactions.commit(ops, term, "changing shards of stream '" + name + "'");
  }

  private List<ShardMetadata> readShards(String name) throws Exception {
    List<String> ids;
    try {
      ids = zk.getChildren().forPath(paths.shards(name));
    } catch (KeeperException.NoNodeException e) {
      return List.of(); // the stream is being deleted, or is not fully visible yet
    }
    List<ShardMetadata> shards = new ArrayList<>(ids.size());
    for (String id : ids.stream().sorted().toList()) {
      try {
        shards.add(MetadataJson.read(zk.getData().forPath(paths.shard(name, id)), ShardMetadata.class));
      } catch (KeeperException.NoNodeException e) {
        return List.of(); // deleted while we read it
      }
    }
    return shards;
  }

  /** Writes the stream node, its shards parent and every shard node in one transaction. */
  void create(StreamMetadata stream, List<ShardMetadata> shards, Term term) {
    String name = stream.name();
    List<CuratorOp> ops = new ArrayList<>(shards.size() + 3);
    Zk.run(zk, "preparing stream '" + name + "'", () -> {
      ops.addAll(transactions.begin(term));
      ops.add(zk.transactionOp().create().forPath(paths.stream(name), MetadataJson.write(stream)));
      ops.add(zk.transactionOp().create().forPath(paths.shards(name), new byte[0]));
      for (ShardMetadata shard : shards) {
        ops.add(zk.transactionOp().create().forPath(paths.shard(name, shard.shardId()), MetadataJson.write(shard)));
      }
    });
    Failure failure = transactions.commit(ops, term, "creating stream '" + name + "'");
    if (failure != null) {
      if (failure.index() == 1 && failure.code() == KeeperException.Code.NODEEXISTS) {
        throw new TributaryException(ErrorCode.RESOURCE_IN_USE, "stream '" + name + "' already exists");
      }
      throw failure.asError("creating stream '" + name + "'");
    }
  }

  /** Replaces a stream's metadata if its node still has the version that was read. */
  void update(StreamSnapshot read, StreamMetadata changed, Term term) {
    String name = read.name();
    List<CuratorOp> ops = new ArrayList<>(2);
    Zk.run(zk, "preparing update of stream '" + name + "'", () -> {
      ops.addAll(transactions.begin(term));
      ops.add(zk.transactionOp().setData().withVersion(read.version())
          .forPath(paths.stream(name), MetadataJson.write(changed)));
    });
    Failure failure = transactions.commit(ops, term, "updating stream '" + name + "'");
    if (failure != null) {
      if (failure.code() == KeeperException.Code.NONODE) {
        throw Errors.streamNotFound(name);
      }
      throw failure.asError("updating stream '" + name + "'");
    }
  }

  /** Deletes a stream node with everything under it, in one transaction. */
  void deleteTree(String name, Term term) {
    List<CuratorOp> ops = new ArrayList<>();
    Zk.run(zk, "preparing deletion of stream '" + name + "'", () -> {
      ops.addAll(transactions.begin(term));
      addDeletes(paths.stream(name), ops);
    });
    Failure failure = transactions.commit(ops, term, "deleting stream '" + name + "'");
    if (failure != null) {
      throw failure.asError("deleting stream '" + name + "'");
    }
  }

  private void addDeletes(String path, List<CuratorOp> ops) throws Exception {
    List<String> children;
    try {
      children = zk.getChildren().forPath(path);
    } catch (KeeperException.NoNodeException e) {
      return;
    }
    for (String child : children) {
      addDeletes(path + "/" + child, ops);
    }
    ops.add(zk.transactionOp().delete().forPath(path));
  }
}
