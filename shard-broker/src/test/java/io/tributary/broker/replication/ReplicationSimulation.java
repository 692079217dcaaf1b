package io.tributary.broker.replication;

import com.google.protobuf.ByteString;
import io.tributary.broker.Appended;
import io.tributary.broker.TestRecords;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.common.stream.LeaderElection;
import io.tributary.common.stream.ShardMetadata;
import io.tributary.common.time.ManualClock;
import io.tributary.proto.v1.ErrorDetail;
import io.tributary.proto.v1.ShardFetch;
import io.tributary.proto.v1.ShardFetched;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A seeded run of one shard's replication on three broker twins: a ZooKeeper twin, a coordinator
 * applying the failover rule, a network that delays, drops and duplicates fetches, brokers that
 * crash, restart, lose their ZooKeeper session while running on, and learn metadata late, and
 * producers writing with acks=all and acks=leader. The real {@link LeaderReplica} and {@link
 * FollowerReplica} do the replication; {@link ReplicationInvariants} checks every step. Confined to
 * the calling thread.
 */
final class ReplicationSimulation {
  /** The coordinator's failover rule, injectable so that a broken one can prove the checks bite. */
  @FunctionalInterface
  interface Election {
    ShardMetadata apply(ShardMetadata shard, Set<Integer> live, long coordinatorEpoch);
  }

  static final Election REAL_ELECTION = LeaderElection::apply;
  private static final long COORDINATOR_EPOCH = 1;
  private static final ReplicationSettings SETTINGS =
      new ReplicationSettings(2, Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofMillis(500), 1 << 20);

  private record Message(boolean request, int from, int to, long id, ShardFetch fetch, ShardFetched answer) {}

  private record IsrWrite(int broker, int incarnation, int baseVersion, ShardMetadata base, List<Integer> inSync) {}

  private final long seed;
  private final Random random;
  private final Election election;
  private final ManualClock clock = new ManualClock(1_000_000);
  private long nanos = 1_000_000_000L;
  private final ZooKeeperTwin zooKeeper;
  private final List<BrokerTwin> brokers = new ArrayList<>();
  private final List<Message> network = new ArrayList<>();
  private final List<IsrWrite> isrWrites = new ArrayList<>();
  private final ReplicationInvariants invariants = new ReplicationInvariants();
  private long step;
  private long nextId = 1;
  private long written;
  private final long[] writes = new long[5];

  ReplicationSimulation(long seed, Election election) {
    this.seed = seed;
    this.random = new Random(seed);
    this.election = election;
    List<Integer> ids = List.of(1, 2, 3);
    zooKeeper = new ZooKeeperTwin(ReplicaFixtures.shard(1, 1, ids, ids));
    for (int id : ids) {
      BrokerTwin broker = new BrokerTwin(id, clock);
      brokers.add(broker);
      learn(broker);
    }
  }

  /** Runs {@code steps} random steps, then heals every fault and checks that the replicas converge. */
  void run(int steps) {
    try {
      for (step = 1; step <= steps; step++) {
        randomStep();
        invariants.check(zooKeeper.read().metadata(), brokers);
      }
      quiesce();
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError("replication simulation seed " + seed + " failed at step " + step + " (rerun with"
          + " -Dreplication.seed=" + seed + "): " + e.getMessage(), e);
    }
  }

  int acknowledged() {
    return invariants.acknowledgedCount();
  }

  /** acks=all writes: refused (too few in sync), acknowledged, failed; acks=leader writes; faults; truncations. */
  long[] writes() {
    long[] counts = Arrays.copyOf(writes, 6);
    for (BrokerTwin broker : brokers) {
      counts[5] += broker.log.truncations();
    }
    return counts;
  }

  private void randomStep() {
    int roll = random.nextInt(100);
    if (roll < 36) {
      deliver(random.nextInt(100) < 10, random.nextInt(100) < 5);
    } else if (roll < 56) {
      sendFetch(pick(brokers), false);
    } else if (roll < 73) {
      produce();
    } else if (roll < 80) {
      tick(random.nextInt(1500));
    } else if (roll < 89) {
      BrokerTwin broker = pick(brokers);
      if (broker.up && !broker.paused) {
        learn(broker);
      }
    } else if (roll < 98) {
      applyIsrWrite(random.nextInt(100) < 10);
    } else {
      fault();
    }
  }

  private void fault() {
    writes[4]++;
    BrokerTwin broker = pick(brokers);
    int roll = random.nextInt(100);
    if (broker.up && roll < 35) {
      broker.crash();
      network.removeIf(m -> m.from() == broker.id || m.to() == broker.id);
      elect();
    } else if (!broker.up && roll < 80) {
      broker.up = true;
      elect();
    } else if (broker.up && !broker.paused && roll < 50) {
      broker.paused = true;
      elect();
    } else if (broker.paused) {
      broker.paused = false;
      elect();
    }
  }

  /** The coordinator's reaction to a change of the live brokers, written by version check. */
  private void elect() {
    Set<Integer> live = new HashSet<>();
    for (BrokerTwin broker : brokers) {
      if (broker.up && !broker.paused) {
        live.add(broker.id);
      }
    }
    ZooKeeperTwin.Versioned node = zooKeeper.read();
    ShardMetadata next = election.apply(node.metadata(), live, COORDINATOR_EPOCH);
    if (next != node.metadata()) {
      zooKeeper.compareAndSet(node.version(), next);
    }
  }

  private void learn(BrokerTwin broker) {
    broker.learn(zooKeeper.read(), SETTINGS, () -> nanos, (base, inSync) -> propose(broker, base, inSync));
  }

  private void propose(BrokerTwin broker, ShardMetadata base, List<Integer> inSync) {
    int version = broker.known != null && broker.known.metadata().equals(base) ? broker.known.version() : -1;
    isrWrites.add(new IsrWrite(broker.id, broker.incarnation, version, base, List.copyOf(inSync)));
  }

  private void applyIsrWrite(boolean lost) {
    if (isrWrites.isEmpty()) {
      return;
    }
    IsrWrite write = isrWrites.remove(random.nextInt(isrWrites.size()));
    if (lost) {
      return;
    }
    ZooKeeperTwin.Versioned written = zooKeeper.compareAndSet(write.baseVersion(), write.base().withInSyncReplicas(
        write.inSync()));
    BrokerTwin proposer = brokers.get(write.broker() - 1);
    if (written != null && proposer.up && !proposer.paused && proposer.incarnation == write.incarnation()) {
      learn(proposer);
    }
  }

  private void sendFetch(BrokerTwin broker, boolean force) {
    if (!broker.up || broker.follower == null) {
      return;
    }
    if (broker.outstandingFetch != 0 && !force && step - broker.outstandingSince < 40) {
      return;
    }
    long id = nextId++;
    broker.outstandingFetch = id;
    broker.outstandingSince = step;
    broker.outstandingFrom = broker.follower;
    network.add(new Message(true, broker.id, broker.follower.metadata().leader(), id, broker.follower.nextFetch(), null));
  }

  private void deliver(boolean drop, boolean duplicate) {
    if (network.isEmpty()) {
      return;
    }
    int index = random.nextInt(network.size());
    Message message = duplicate ? network.get(index) : network.remove(index);
    if (!drop) {
      handle(message);
    }
  }

  private void handle(Message message) {
    BrokerTwin to = brokers.get(message.to() - 1);
    if (!to.up) {
      return;
    }
    if (message.request()) {
      ShardFetched answer = to.leader != null
          ? to.leader.fetch(message.from(), message.fetch(), 100 + random.nextInt(3000))
          : ShardFetched.newBuilder().setError(ErrorDetail.newBuilder().setCode(ErrorCode.NOT_SHARD_OWNER.shortName())
              .setMessage("broker " + to.id + " does not lead the shard")).build();
      network.add(new Message(false, to.id, message.from(), message.id(), null, answer));
    } else if (to.outstandingFetch == message.id() && to.follower == to.outstandingFrom && to.follower != null) {
      to.outstandingFetch = 0;
      to.follower.apply(message.answer());
      to.followerHighWatermark = to.follower.highWatermark();
    }
  }

  private void produce() {
    BrokerTwin broker = pick(brokers);
    if (!broker.up || broker.leader == null) {
      return;
    }
    LeaderReplica leader = broker.leader;
    boolean acksAll = random.nextInt(100) < 70;
    if (acksAll) {
      try {
        leader.checkEnoughInSync();
      } catch (TributaryException e) {
        if (e.code() != ErrorCode.NOT_ENOUGH_REPLICAS) {
          throw e;
        }
        writes[0]++;
        return;
      }
    }
    long epoch = leader.metadata().leaderEpoch();
    invariants.acceptedWrite(broker.id, epoch);
    int count = 1 + random.nextInt(3);
    TestRecords records = TestRecords.numbered("w" + written++, count);
    Appended appended = broker.log.append(records, count, epoch);
    List<ByteString> stored = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      stored.add(ReplicationInvariants.recordAt(broker.log, appended.firstSequenceNumber() + i));
    }
    leader.appended();
    if (acksAll) {
      leader.awaitCommitted(appended.firstSequenceNumber() + count).whenComplete((ok, failure) -> {
        if (failure == null) {
          writes[1]++;
          invariants.acknowledged(appended.firstSequenceNumber(), stored);
        } else {
          writes[2]++;
        }
      });
    } else {
      writes[3]++;
    }
  }

  private void tick(long millis) {
    nanos += Duration.ofMillis(millis).toNanos();
    clock.advance(Duration.ofMillis(millis));
    for (BrokerTwin broker : brokers) {
      if (broker.up && broker.leader != null) {
        broker.leader.tick();
      }
    }
  }

  /** Heals every fault, runs without any until the in-sync set is full and the logs are equal. */
  private void quiesce() {
    for (BrokerTwin broker : brokers) {
      if (!broker.up || broker.paused) {
        broker.up = true;
        broker.paused = false;
        elect();
      }
    }
    for (int round = 0; round < 500; round++, step++) {
      for (BrokerTwin broker : brokers) {
        learn(broker);
        sendFetch(broker, true);
      }
      while (!network.isEmpty()) {
        handle(network.remove(0));
      }
      while (!isrWrites.isEmpty()) {
        applyIsrWrite(false);
      }
      tick(200);
      invariants.check(zooKeeper.read().metadata(), brokers);
      if (converged()) {
        return;
      }
    }
    throw new AssertionError("replicas did not converge after healing: shard " + zooKeeper.read().metadata()
        + ", log ends " + brokers.stream().map(b -> b.log.nextSequenceNumber()).toList());
  }

  private boolean converged() {
    ShardMetadata shard = zooKeeper.read().metadata();
    if (shard.leader() == ShardMetadata.NO_LEADER || shard.inSyncReplicas().size() != brokers.size()) {
      return false;
    }
    BrokerTwin leader = brokers.get(shard.leader() - 1);
    if (leader.leader == null || leader.leader.highWatermark() != leader.log.nextSequenceNumber()) {
      return false;
    }
    ByteString expected = leader.log.read(0, Integer.MAX_VALUE, Integer.MAX_VALUE).records();
    for (BrokerTwin broker : brokers) {
      if (!broker.log.read(0, Integer.MAX_VALUE, Integer.MAX_VALUE).records().equals(expected)) {
        return false;
      }
    }
    return true;
  }

  private <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }
}
