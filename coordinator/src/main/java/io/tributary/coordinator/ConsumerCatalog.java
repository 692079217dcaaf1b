package io.tributary.coordinator;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.Errors;
import io.tributary.common.error.TributaryException;
import io.tributary.common.stream.MetadataJson;
import io.tributary.common.zk.ZkPaths;
import io.tributary.coordinator.FencedTransactions.Failure;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;

/**
 * Registered consumers of streams in ZooKeeper: reads for any coordinator, fenced writes for the
 * leader. Thread-safe (holds no state of its own).
 *
 * <p>Each write also checks the stream node's version, so a consumer is never registered on a
 * stream that was deleted or re-created meanwhile.
 */
final class ConsumerCatalog {
  static final int MAX_PER_STREAM = 20;

  private final CuratorFramework zk;
  private final ZkPaths paths;
  private final FencedTransactions transactions;

  ConsumerCatalog(CuratorFramework zk, ZkPaths paths) {
    this.zk = zk;
    this.paths = paths;
    this.transactions = new FencedTransactions(zk, paths);
  }

  /** The stream's registered consumers, by name; empty when it has none. */
  List<ConsumerRecord> list(String stream) {
    return Zk.call(zk, "listing the consumers of stream '" + stream + "'", () -> {
      List<String> names;
      try {
        names = zk.getChildren().forPath(paths.registeredConsumers(stream));
      } catch (KeeperException.NoNodeException e) {
        return List.of();
      }
      List<ConsumerRecord> consumers = new ArrayList<>(names.size());
      for (String name : names.stream().sorted().toList()) {
        try {
          consumers.add(MetadataJson.read(zk.getData().forPath(paths.registeredConsumer(stream, name)),
              ConsumerRecord.class));
        } catch (KeeperException.NoNodeException e) {
          continue; // deregistered while listing
        }
      }
      return consumers;
    });
  }

  /** Creates the consumer's node (and the stream's consumers node if missing) in one transaction. */
  void register(StreamSnapshot stream, ConsumerRecord consumer, Term term) {
    String what = "registering consumer '" + consumer.name() + "' of stream '" + stream.name() + "'";
    List<CuratorOp> ops = Zk.call(zk, "preparing " + what, () -> {
      List<CuratorOp> all = transactions.begin(term);
      all.add(zk.transactionOp().check().withVersion(stream.version()).forPath(paths.stream(stream.name())));
      if (zk.checkExists().forPath(paths.registeredConsumers(stream.name())) == null) {
        all.add(zk.transactionOp().create().forPath(paths.registeredConsumers(stream.name()), new byte[0]));
      }
      all.add(zk.transactionOp().create().forPath(paths.registeredConsumer(stream.name(), consumer.name()),
          MetadataJson.write(consumer)));
      return all;
    });
    Failure failure = transactions.commit(ops, term, what);
    if (failure != null) {
      if (failure.index() == 1) {
        throw Errors.streamNotFound(stream.name());
      }
      if (failure.index() == ops.size() - 1 && failure.code() == KeeperException.Code.NODEEXISTS) {
        throw alreadyRegistered(stream.name(), consumer.name());
      }
      throw failure.asError(what);
    }
  }

  void deregister(String stream, String consumer, Term term) {
    String what = "deregistering consumer '" + consumer + "' of stream '" + stream + "'";
    List<CuratorOp> ops = Zk.call(zk, "preparing " + what, () -> {
      List<CuratorOp> all = transactions.begin(term);
      all.add(zk.transactionOp().delete().forPath(paths.registeredConsumer(stream, consumer)));
      return all;
    });
    Failure failure = transactions.commit(ops, term, what);
    if (failure != null) {
      if (failure.code() == KeeperException.Code.NONODE) {
        throw notRegistered(stream, consumer);
      }
      throw failure.asError(what);
    }
  }

  static TributaryException alreadyRegistered(String stream, String consumer) {
    return new TributaryException(ErrorCode.RESOURCE_IN_USE, "consumer '" + consumer
        + "' is already registered on stream '" + stream + "'; use it, or deregister it first");
  }

  static TributaryException notRegistered(String stream, String consumer) {
    return new TributaryException(ErrorCode.RESOURCE_NOT_FOUND, "consumer '" + consumer
        + "' is not registered on stream '" + stream + "'; list them with 'trib consumer list " + stream + "'");
  }
}
