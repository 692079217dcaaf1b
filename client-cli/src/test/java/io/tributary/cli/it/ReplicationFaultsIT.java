package io.tributary.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.cli.it.StaleLeaderProbe.Answer;
import io.tributary.cli.it.StaleLeaderProbe.Pending;
import io.tributary.client.PutRecord;
import io.tributary.client.PutResult;
import io.tributary.common.error.ErrorCode;
import io.tributary.proto.v1.Acks;
import io.tributary.proto.v1.ShardInfo;
import io.tributary.proto.v1.StreamDescription;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults injected into a replicated cluster of real processes (ZooKeeper, two coordinators, three
 * brokers) while an idempotent acks=all producer writes to a 4-shard stream with three replicas per
 * shard. After each fault every acknowledged record is readable exactly once at the position it was
 * acknowledged with, each key's records keep their order, nothing refused or failed is visible, and
 * all replicas of every shard hold identical logs.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class ReplicationFaultsIT {
  /** Answers that say a write was not made; any other failure of a single attempt leaves it in doubt. */
  private static final Set<ErrorCode> REFUSALS =
      Set.of(ErrorCode.NOT_ENOUGH_REPLICAS, ErrorCode.NOT_SHARD_OWNER, ErrorCode.STALE_EPOCH);

  @TempDir Path dir;

  @Test
  void kill9OfAShardLeaderLosesNothingAcknowledged() throws Exception {
    inCluster("kill-leader", (cluster, run) -> {
      ShardInfo shard = run.target();
      cluster.kill9(ReplicatedCluster.broker(shard.getLeaderBrokerId()));
      awaitNewLeader(cluster, run.stream(), shard);
      run.awaitProgress();
      cluster.startBroker(shard.getLeaderBrokerId());
      run.finishAndVerify();
    });
  }

  @Test
  void leaderPausedPastItsSessionIsDeposedAndAcceptsNoWriteUnderItsStaleEpoch() throws Exception {
    inCluster("paused-leader", (cluster, run) -> {
      ShardInfo shard = run.target();
      String old = ReplicatedCluster.broker(shard.getLeaderBrokerId());
      String key = ContinuousProducer.keyOf(cluster.client(), run.stream(), shard.getShardId());
      List<Answer> answers;
      try (StaleLeaderProbe probe =
          new StaleLeaderProbe(cluster.address(old), run.stream(), shard.getShardId(), key, run.ledger())) {
        probe.connect();
        cluster.pause(old);
        awaitNewLeader(cluster, run.stream(), shard);
        // Writes that reach the old leader while it is frozen, and right after it runs again.
        List<Pending> pending = new ArrayList<>(List.of(probe.send(Acks.ACKS_LEADER), probe.send(Acks.ACKS_ALL)));
        cluster.resume(old);
        for (int i = 0; i < 3; i++) {
          pending.add(probe.send(Acks.ACKS_LEADER));
          pending.add(probe.send(Acks.ACKS_ALL));
        }
        answers = probe.answers(pending);
      }
      System.out.println("answers of the deposed leader: " + answers);
      run.awaitProgress();
      run.finishAndVerify();
      assertThat(answers).as("writes the deposed leader acknowledged under its stale epoch")
          .noneMatch(Answer::accepted);
    });
  }

  @Test
  void kill9OfTheLeadingCoordinatorDuringALeaderChange() throws Exception {
    inCluster("coordinator-kill", (cluster, run) -> {
      ShardInfo shard = run.target();
      String coordinator = cluster.leadingCoordinator();
      // The leader coordinator dies before the broker's session runs out, so the failover falls to
      // the standby, which takes over about when the broker's registration disappears.
      cluster.kill9(ReplicatedCluster.broker(shard.getLeaderBrokerId()));
      cluster.kill9(coordinator);
      awaitNewLeader(cluster, run.stream(), shard);
      // The dead leader's latch node outlives it by a session timeout; then the standby leads.
      await("the standby coordinator leads").atMost(ReplicatedCluster.WAIT).pollInterval(Duration.ofMillis(250))
          .until(() -> !cluster.leadingCoordinator().equals(coordinator));
      for (String c : List.of("c1", "c2")) {
        cluster.log(c).lines().filter(l -> l.contains(shard.getShardId() + ": leader"))
            .forEach(l -> System.out.println("failover by " + c + ": " + l));
      }
      run.awaitProgress();
      cluster.startCoordinator(coordinator);
      cluster.startBroker(shard.getLeaderBrokerId());
      run.finishAndVerify();
    });
  }

  @Test
  void twoBrokerKillsInSequenceStopAcksAllWritesUntilABrokerReturns() throws Exception {
    inCluster("two-kills", (cluster, run) -> {
      ShardInfo shard = run.target();
      int first = shard.getLeaderBrokerId();
      cluster.kill9(ReplicatedCluster.broker(first));
      ShardInfo moved = awaitNewLeader(cluster, run.stream(), shard);
      run.awaitProgress();
      int second = moved.getLeaderBrokerId();
      cluster.kill9(ReplicatedCluster.broker(second));
      // One broker of three is left: with two in-sync replicas required, acks=all is refused.
      awaitNotEnoughReplicas(cluster, run);
      cluster.startBroker(first);
      run.awaitProgress();
      cluster.startBroker(second);
      run.finishAndVerify();
    });
  }

  @Test
  void fullRestartOfEveryProcess() throws Exception {
    inCluster("full-restart", (cluster, run) -> {
      for (String name : List.of("b1", "b2", "b3", "c1", "c2", "zk")) {
        cluster.kill9(name);
      }
      cluster.startZooKeeper();
      cluster.startCoordinator("c1");
      cluster.startCoordinator("c2");
      for (int id = 1; id <= 3; id++) {
        cluster.startBroker(id);
      }
      run.awaitProgress();
      run.finishAndVerify();
    });
  }

  interface Scenario {
    void run(ReplicatedCluster cluster, FaultRun run) throws Exception;
  }

  /** Runs a scenario on a fresh cluster and stream; a failure carries the cluster's state and logs. */
  private void inCluster(String stream, Scenario scenario) throws Exception {
    long start = System.nanoTime();
    try (ReplicatedCluster cluster = ReplicatedCluster.start(dir, 3)) {
      System.out.printf("%s: cluster started in %d ms%n", stream, (System.nanoTime() - start) / 1_000_000);
      try (FaultRun run = FaultRun.begin(cluster, stream, 3)) {
        scenario.run(cluster, run);
      } catch (Exception | AssertionError e) {
        throw new AssertionError(e.getMessage() + cluster.diagnostics(stream), e);
      }
    }
    System.out.printf("%s: passed in %d ms%n", stream, (System.nanoTime() - start) / 1_000_000);
  }

  /** Waits until another broker leads {@code before}'s shard under a higher epoch; returns the shard then. */
  static ShardInfo awaitNewLeader(ReplicatedCluster cluster, String stream, ShardInfo before) {
    StreamDescription d = cluster.awaitDescription(stream, "a new leader of " + before.getShardId(), x -> {
      ShardInfo now = shardOf(x, before.getShardId());
      return now.getLeaderBrokerId() >= 0 && now.getLeaderBrokerId() != before.getLeaderBrokerId()
          && now.getLeaderEpoch() > before.getLeaderEpoch() && !now.getLeaderAddress().isEmpty();
    });
    return shardOf(d, before.getShardId());
  }

  static ShardInfo shardOf(StreamDescription d, String shardId) {
    return d.getShardsList().stream().filter(s -> s.getShardId().equals(shardId)).findFirst().orElseThrow();
  }

  /** Waits until an acks=all write is refused with NotEnoughReplicas; every probe is in the ledger. */
  private static void awaitNotEnoughReplicas(ReplicatedCluster cluster, FaultRun run) {
    String key = ContinuousProducer.keyOf(cluster.client(), run.stream(), run.target().getShardId());
    AtomicInteger n = new AtomicInteger();
    List<String> answers = new ArrayList<>();
    await("an acks=all write refused for too few in-sync replicas").atMost(ReplicatedCluster.WAIT)
        .pollInterval(Duration.ofMillis(500)).until(() -> {
          String id = "probe-" + n.getAndIncrement();
          run.ledger().sent(id, key);
          PutResult r;
          try {
            r = cluster.client().putRecords(run.stream(), List.of(PutRecord.of(key, id.getBytes(StandardCharsets.UTF_8))),
                Acks.ACKS_ALL).get(0);
          } catch (RuntimeException e) {
            run.ledger().inDoubt(id, e.toString());
            answers.add(e.toString());
            return false;
          }
          if (r.succeeded() || REFUSALS.contains(r.error())) {
            run.ledger().completed(id, r, null);
          } else {
            run.ledger().inDoubt(id, r.error() + ": " + r.errorMessage());
          }
          answers.add(r.succeeded() ? "ok " + r.shardId() + "/" + r.sequenceNumber() : r.error() + ": " + r.errorMessage());
          return r.error() == ErrorCode.NOT_ENOUGH_REPLICAS;
        });
    System.out.println("acks=all with one live broker: " + answers);
  }
}
