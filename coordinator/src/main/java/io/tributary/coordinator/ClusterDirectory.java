package io.tributary.coordinator;

import io.tributary.common.stream.MetadataJson;
import io.tributary.common.zk.Registrations;
import io.tributary.common.zk.ZkPaths;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Who is in the cluster, as ZooKeeper says now: live brokers, workers and coordinators, the elected leader
 * and the epoch counter. Thread-safe (holds no state of its own).
 *
 * <p>Reads go straight to ZooKeeper so that every coordinator, leader or standby, answers with the
 * same facts without keeping a cache in step.
 */
final class ClusterDirectory {
  private static final Logger LOG = LogManager.getLogger(ClusterDirectory.class);

  private final CuratorFramework zk;
  private final ZkPaths paths;

  ClusterDirectory(CuratorFramework zk, ZkPaths paths) {
    this.zk = zk;
    this.paths = paths;
  }

  /** Creates the persistent nodes every transaction relies on (idempotent). */
  void ensureLayout() {
    for (String path : List.of(paths.streams(), paths.brokers(), paths.coordinatorMembers(), paths.workers(),
        paths.jobs(), paths.drainedBrokers())) {
      ensure(path, new byte[0]);
    }
    ensure(paths.coordinatorEpoch(), "0".getBytes(StandardCharsets.US_ASCII));
  }

  private void ensure(String path, byte[] initial) {
    Zk.run(zk, "creating " + path, () -> {
      try {
        zk.create().creatingParentsIfNeeded().forPath(path, initial);
      } catch (KeeperException.NodeExistsException e) {
        LOG.debug("{} exists already", path);
      }
    });
  }

  /** Live brokers by id. */
  SortedMap<Integer, Registrations.Broker> liveBrokers() {
    SortedMap<Integer, Registrations.Broker> brokers = new TreeMap<>();
    for (byte[] data : childrenData(paths.brokers(), "listing brokers")) {
      Registrations.Broker broker = parse(data, Registrations.Broker.class, paths.brokers());
      if (broker != null) {
        brokers.put(broker.id(), broker);
      }
    }
    return brokers;
  }

  /** Ids of the brokers an operator drained: they take no new replicas. */
  Set<Integer> drainedBrokers() {
    List<String> children = Zk.call(zk, "listing drained brokers", () -> {
      try {
        return zk.getChildren().forPath(paths.drainedBrokers());
      } catch (KeeperException.NoNodeException e) {
        return List.<String>of();
      }
    });
    Set<Integer> drained = new TreeSet<>();
    for (String child : children) {
      try {
        drained.add(Integer.parseInt(child));
      } catch (NumberFormatException e) {
        LOG.warn("ignoring '{}' under {}: not a broker id", child, paths.drainedBrokers());
      }
    }
    return drained;
  }

  /** Ids of the live brokers that take new replicas (not drained), in order. */
  SortedSet<Integer> eligibleBrokers() {
    SortedSet<Integer> eligible = new TreeSet<>(liveBrokers().keySet());
    eligible.removeAll(drainedBrokers());
    return eligible;
  }

  /** Marks {@code broker} drained (idempotent); the mark outlives the broker's session. */
  void markDrained(int broker) {
    ensure(paths.drainedBroker(broker), new byte[0]);
  }

  /** Live stream-processing workers, ordered by id. */
  List<Registrations.Worker> liveWorkers() {
    List<Registrations.Worker> workers = new ArrayList<>();
    for (byte[] data : childrenData(paths.workers(), "listing workers")) {
      Registrations.Worker worker = parse(data, Registrations.Worker.class, paths.workers());
      if (worker != null) {
        workers.add(worker);
      }
    }
    workers.sort((a, b) -> a.id().compareTo(b.id()));
    return workers;
  }

  /** Live coordinators, ordered by id. */
  List<Registrations.Coordinator> coordinators() {
    List<Registrations.Coordinator> members = new ArrayList<>();
    for (byte[] data : childrenData(paths.coordinatorMembers(), "listing coordinators")) {
      Registrations.Coordinator member = parse(data, Registrations.Coordinator.class, paths.coordinatorMembers());
      if (member != null) {
        members.add(member);
      }
    }
    members.sort((a, b) -> a.id().compareTo(b.id()));
    return members;
  }

  /** The elected leader, once it has announced itself. */
  Optional<Registrations.Leader> leader() {
    return Zk.call(zk, "reading the coordinator leader", () -> {
      try {
        byte[] data = zk.getData().forPath(paths.coordinatorLeader());
        return Optional.of(MetadataJson.read(data, Registrations.Leader.class));
      } catch (KeeperException.NoNodeException e) {
        return Optional.empty();
      }
    });
  }

  /** The epoch of the newest leadership term ever begun (0 before the first). */
  long epochCounter() {
    return Zk.call(zk, "reading the coordinator epoch", () -> {
      try {
        return LeaderTerms.parseEpoch(zk.getData().forPath(paths.coordinatorEpoch()));
      } catch (KeeperException.NoNodeException e) {
        return 0L;
      }
    });
  }

  private List<byte[]> childrenData(String parent, String what) {
    return Zk.call(zk, what, () -> {
      List<String> children;
      try {
        children = zk.getChildren().forPath(parent);
      } catch (KeeperException.NoNodeException e) {
        return List.of();
      }
      List<byte[]> data = new ArrayList<>(children.size());
      for (String child : children) {
        try {
          data.add(zk.getData().forPath(parent + "/" + child));
        } catch (KeeperException.NoNodeException e) {
          LOG.debug("{}/{} went away while listing", parent, child);
        }
      }
      return data;
    });
  }

  private static <T> T parse(byte[] data, Class<T> type, String parent) {
    try {
      return MetadataJson.read(data, type);
    } catch (UncheckedIOException e) {
      // One unreadable registration must not hide the rest of the cluster.
      LOG.warn("ignoring an unreadable registration under {}: {}", parent, e.getMessage());
      return null;
    }
  }
}
