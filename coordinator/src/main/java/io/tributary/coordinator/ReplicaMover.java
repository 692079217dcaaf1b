package io.tributary.coordinator;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.Errors;
import io.tributary.common.error.TributaryException;
import io.tributary.common.stream.LeaderElection;
import io.tributary.common.stream.ShardMetadata;
import io.tributary.coordinator.FencedTransactions.Failure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apache.zookeeper.KeeperException;

/**
 * Carries out one planned move: add the new replica, wait until the shard's leader has it in sync,
 * move the leadership off the old replica if it led, then drop the old replica. Waits on the calling
 * thread (never the event loop); each write runs on the loop, fenced by the term and version-checked.
 *
 * <p>The new replica joins the in-sync set only when the leader broker says it caught up, so at no
 * point does the shard have fewer in-sync replicas than before the move.
 */
final class ReplicaMover {
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration REPORT_EVERY = Duration.ofSeconds(5);
  private static final int ATTEMPTS = 5;

  private final StreamCatalog catalog;
  private final LeadershipState leadership;
  private final EventLoop loop;
  private final Duration catchUpBound;
  private final LongSupplier nanoTime;

  ReplicaMover(StreamCatalog catalog, LeadershipState leadership, EventLoop loop, Duration catchUpBound,
      LongSupplier nanoTime) {
    this.catalog = catalog;
    this.leadership = leadership;
    this.loop = loop;
    this.catchUpBound = catchUpBound;
    this.nanoTime = nanoTime;
  }

  /** Carries out {@code move}; {@code note} gets progress lines while it waits. */
  void run(ReassignmentPlanner.Move move, Consumer<String> note) throws InterruptedException {
    if (move.leaderOnly()) {
      write(move, (s, epoch) -> LeaderElection.moveLeader(s, requireInSync(move, s, move.toLeader()), epoch));
      return;
    }
    int remove = move.removed();
    int add = move.added();
    write(move, (s, epoch) -> {
      if (s.leader() == ShardMetadata.NO_LEADER) {
        throw Errors.unavailable("shard " + s.shardId() + " of stream '" + move.stream() + "' has no live leader to"
            + " copy it to broker " + add + "; start one of its in-sync replicas " + s.inSyncReplicas()
            + ", then retry");
      }
      if (s.hasReplica(add) || !s.hasReplica(remove)) {
        return s;
      }
      List<Integer> replicas = new ArrayList<>(s.replicas());
      replicas.add(add);
      return s.withReplicas(replicas, s.inSyncReplicas(), epoch);
    });
    awaitInSync(move, add, note);
    write(move, (s, epoch) -> {
      if (!s.hasReplica(remove)) {
        return s;
      }
      ShardMetadata led = s;
      if (s.leader() == remove) {
        int to = s.inSyncReplicas().contains(add) ? add : otherInSync(move, s, remove);
        led = LeaderElection.moveLeader(s, to, epoch);
      }
      List<Integer> replicas = new ArrayList<>(led.replicas());
      replicas.remove(Integer.valueOf(add));
      replicas.set(replicas.indexOf(remove), add); // the new replica takes the old one's place in the order
      List<Integer> inSync = new ArrayList<>(led.inSyncReplicas());
      inSync.remove(Integer.valueOf(remove));
      return led.withReplicas(replicas, inSync, epoch);
    });
  }

  private void awaitInSync(ReassignmentPlanner.Move move, int add, Consumer<String> note) throws InterruptedException {
    long start = nanoTime.getAsLong();
    long reported = start;
    while (true) {
      leadership.requireLeader();
      ShardMetadata shard = read(move).shard();
      if (shard.inSyncReplicas().contains(add)) {
        return;
      }
      long now = nanoTime.getAsLong();
      if (now - start >= catchUpBound.toNanos()) {
        throw new TributaryException(ErrorCode.REPLICATION_TIMEOUT, "broker " + add + " did not catch up on shard "
            + move.shardId() + " of stream '" + move.stream() + "' within " + catchUpBound.toSeconds()
            + "s (leader " + shard.leader() + ", in sync " + shard.inSyncReplicas() + "); check that broker " + add
            + " runs and reaches the leader, then retry; the shard keeps the extra replica meanwhile");
      }
      if (now - reported >= REPORT_EVERY.toNanos()) {
        reported = now;
        note.accept("waiting for broker " + add + " to catch up on shard " + move.shardId() + " of stream '"
            + move.stream() + "' (" + Duration.ofNanos(now - start).toSeconds() + "s)");
      }
      Thread.sleep(POLL.toMillis()); // a bounded poll on the reassignment thread, never the loop
    }
  }

  /** On the loop, under the current term: reads the shard, changes it, writes it if still unchanged. */
  private void write(ReassignmentPlanner.Move move, BiFunction<ShardMetadata, Long, ShardMetadata> change) {
    loop.call(() -> leadership.act(term -> {
      for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
        VersionedShard read = read(move);
        ShardMetadata next = change.apply(read.shard(), term.epoch());
        if (next == read.shard()) {
          return null;
        }
        Failure failure = catalog.writeShards(move.stream(), List.of(read), List.of(next), term);
        if (failure == null) {
          return null;
        }
        if (failure.code() != KeeperException.Code.BADVERSION) {
          throw failure.asError("moving shard " + move.shardId() + " of stream '" + move.stream() + "'");
        }
      }
      throw Errors.unavailable("shard " + move.shardId() + " of stream '" + move.stream() + "' kept changing during "
          + ATTEMPTS + " attempts to move it; retry");
    }));
  }

  private VersionedShard read(ReassignmentPlanner.Move move) {
    return catalog.findShard(move.stream(), move.shardId())
        .orElseThrow(() -> Errors.shardNotFound(move.stream(), move.shardId()));
  }

  private static int requireInSync(ReassignmentPlanner.Move move, ShardMetadata shard, int broker) {
    if (!shard.inSyncReplicas().contains(broker)) {
      throw new TributaryException(ErrorCode.RESOURCE_IN_USE, "broker " + broker + " is not in sync for shard "
          + shard.shardId() + " of stream '" + move.stream() + "' (in sync: " + shard.inSyncReplicas()
          + "), so it cannot lead yet; retry once it has caught up");
    }
    return broker;
  }

  private static int otherInSync(ReassignmentPlanner.Move move, ShardMetadata shard, int remove) {
    for (int broker : shard.replicas()) {
      if (broker != remove && shard.inSyncReplicas().contains(broker)) {
        return broker;
      }
    }
    throw new TributaryException(ErrorCode.RESOURCE_IN_USE, "shard " + shard.shardId() + " of stream '"
        + move.stream() + "' has no in-sync replica but broker " + remove + " (in sync: " + shard.inSyncReplicas()
        + ") to take over its leadership; retry once its other replicas have caught up");
  }
}
