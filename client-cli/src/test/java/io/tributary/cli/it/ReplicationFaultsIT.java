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
import io.tributary.proto.v1.StreamMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

  /**
   * Streams of one shard with three replicas besides the run's: the failover of a broker writes one
   * transaction per stream, so with these it lasts long enough for a kill to land in its midst.
   */
  private static final int OTHER_STREAMS = 40;

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

  /**
   * The leading coordinator dies between two of the per-stream transactions of a broker's failover:
   * a watch of the shard nodes kills it (kill -9) as soon as the first shard the broker led has a
   * new leader. The standby, once it leads, fails over the rest; the run's stream, which sorts after
   * the others and so fails over last, is among them.
   */
  @Test
  void kill9OfTheLeadingCoordinatorDuringALeaderChange() throws Exception {
    inCluster("coordinator-kill", (cluster, run) -> {
      ShardInfo shard = run.target();
      int victim = shard.getLeaderBrokerId();
      createStreamsToFailOver(cluster, OTHER_STREAMS);
      String coordinator = cluster.leadingCoordinator();
      long pid = cluster.pid(coordinator);
      try (FailoverWatch watch = FailoverWatch.start(cluster.address("zk"), cluster.name(), victim,
          () -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly))) {
        cluster.kill9(ReplicatedCluster.broker(victim));
        long killed = System.nanoTime();
        assertThat(watch.awaitActed(ReplicatedCluster.WAIT)).as("a shard led by broker %d failed over", victim).isTrue();
        cluster.kill9(coordinator);
        FailoverWatch.Progress atKill = watch.progress();
        System.out.printf("coordinator %s dead %d ms after broker %d, killed at the failover of %s: %s%n", coordinator,
            (System.nanoTime() - killed) / 1_000_000, victim, watch.first(), atKill);
        assertThat(atKill.movedCount()).as("shards of broker %d failed over when the coordinator died: %s", victim, atKill)
            .isBetween(1, atKill.total() - 1);
        await("the standby coordinator leads").atMost(ReplicatedCluster.WAIT).pollInterval(Duration.ofMillis(250))
            .until(() -> !cluster.leadingCoordinator().equals(coordinator));
        await("the standby completes the failover of broker " + victim).atMost(ReplicatedCluster.WAIT)
            .pollInterval(Duration.ofMillis(250)).until(() -> watch.completion().complete());
        FailoverWatch.Progress done = watch.completion();
        long deadTerm = atKill.terms().stream().mapToLong(Long::longValue).max().orElseThrow();
        System.out.printf("failover completed: %s, by terms %s (the dead coordinator's: %d)%n", done, done.terms(),
            deadTerm);
        assertThat(done.terms()).as("terms that failed over the shards of broker %d", victim).anyMatch(t -> t > deadTerm);
      }
      printFailoverSpan(cluster, coordinator.equals("c1") ? "c2" : "c1");
      awaitNewLeader(cluster, run.stream(), shard);
      run.awaitProgress();
      cluster.startCoordinator(coordinator);
      cluster.startBroker(victim);
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

  /**
   * Creates {@code count} streams of one shard and three replicas, named to sort before the runs'
   * streams; a few at a time, since each creation waits for ZooKeeper and the brokers.
   */
  private static void createStreamsToFailOver(ReplicatedCluster cluster, int count) throws Exception {
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<StreamDescription>> created = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String name = String.format("aside-%03d", i);
        created.add(pool.submit(() -> cluster.client().createStream(name, 1, 0, 3, StreamMode.PROVISIONED)));
      }
      for (Future<StreamDescription> f : created) {
        f.get(ReplicatedCluster.WAIT.toSeconds(), TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    System.out.printf("%d more streams created in %d ms%n", count, (System.nanoTime() - start) / 1_000_000);
  }

  /** Prints the first and last failover a coordinator logged, to show how long its failover took. */
  private static void printFailoverSpan(ReplicatedCluster cluster, String coordinator) throws IOException {
    List<String> lines = cluster.log(coordinator).lines().filter(l -> l.contains(": leader ")).toList();
    if (!lines.isEmpty()) {
      System.out.printf("%s failed over %d shards, first: %s%n  last: %s%n", coordinator, lines.size(), lines.get(0),
          lines.get(lines.size() - 1));
    }
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
