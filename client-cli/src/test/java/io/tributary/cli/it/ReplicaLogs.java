package io.tributary.cli.it;

import io.tributary.broker.ReadBatch;
import io.tributary.broker.ReplicaRecord;
import io.tributary.broker.ReplicaRecords;
import io.tributary.broker.ShardLog;
import io.tributary.broker.StreamRef;
import io.tributary.broker.internal.ChronicleShardStore;
import io.tributary.broker.internal.RollCycleNames;
import io.tributary.proto.v1.ShardInfo;
import io.tributary.proto.v1.StreamDescription;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The shard logs the brokers left in their data directories, opened with the broker's own store
 * once the brokers have stopped, and compared replica by replica: every replica of a shard must
 * hold the same range of sequence numbers and byte-identical stored records. Confined to the
 * test's thread.
 */
final class ReplicaLogs {
  private static final int MAX_REPORTED = 15;

  private ReplicaLogs() {}

  /** One replica's log: its range and stored records. Immutable. */
  record Replica(int broker, long first, long next, List<ReplicaRecord> records) {}

  /**
   * Differences between the replicas of every shard of {@code stream}, as the describe listed its
   * replicas; empty when they all agree.
   *
   * @param brokerDir the data directory of a broker, by id
   */
  static List<String> differences(StreamDescription stream, IntFunction<Path> brokerDir) {
    StreamRef ref = new StreamRef(stream.getName(), stream.getUid());
    List<String> differences = new ArrayList<>();
    for (ShardInfo shard : stream.getShardsList()) {
      List<Replica> replicas = new ArrayList<>();
      for (int broker : shard.getReplicasList()) {
        replicas.add(read(broker, brokerDir.apply(broker), ref, shard.getShardId()));
      }
      compare(shard.getShardId(), replicas, differences);
    }
    return differences.stream().limit(MAX_REPORTED).toList();
  }

  /** Record counts per replica of every shard, for reports. */
  static String sizes(StreamDescription stream, IntFunction<Path> brokerDir) {
    StreamRef ref = new StreamRef(stream.getName(), stream.getUid());
    StringBuilder out = new StringBuilder();
    for (ShardInfo shard : stream.getShardsList()) {
      out.append(shard.getShardId()).append(':');
      for (int broker : shard.getReplicasList()) {
        Replica r = read(broker, brokerDir.apply(broker), ref, shard.getShardId());
        out.append(" b").append(broker).append('[').append(r.first()).append("..").append(r.next()).append(')');
      }
      out.append("; ");
    }
    return out.toString();
  }

  static Replica read(int broker, Path dir, StreamRef stream, String shardId) {
    ChronicleShardStore store = new ChronicleShardStore(dir.resolve("streams"), RollCycleNames.forName("hourly"),
        Clock.systemUTC());
    try (ShardLog log = store.open(stream, shardId)) {
      List<ReplicaRecord> records = new ArrayList<>();
      long at = log.firstSequenceNumber();
      while (at < log.nextSequenceNumber()) {
        ReadBatch batch = log.read(at, 10_000, 8 << 20);
        records.addAll(ReplicaRecords.parse(batch.records()));
        at = batch.nextSequenceNumber();
      }
      return new Replica(broker, log.firstSequenceNumber(), log.nextSequenceNumber(), records);
    }
  }

  private static void compare(String shardId, List<Replica> replicas, List<String> differences) {
    for (Replica r : replicas) {
      if (r.records().size() != r.next() - r.first()) {
        differences.add(shardId + " b" + r.broker() + ": " + r.records().size() + " records read in ["
            + r.first() + ", " + r.next() + ")");
        return;
      }
    }
    Replica reference = replicas.get(0);
    for (Replica other : replicas.subList(1, replicas.size())) {
      String pair = shardId + " b" + reference.broker() + " vs b" + other.broker() + ": ";
      if (reference.first() != other.first() || reference.next() != other.next()) {
        differences.add(pair + "ranges differ: [" + reference.first() + ", " + reference.next() + ") vs ["
            + other.first() + ", " + other.next() + ")");
      }
      long from = Math.max(reference.first(), other.first());
      long to = Math.min(reference.next(), other.next());
      Map.Entry<Long, String> first = firstMismatch(reference, other, from, to);
      if (first != null) {
        differences.add(pair + "record " + first.getKey() + " differs: " + first.getValue());
      }
    }
  }

  private static Map.Entry<Long, String> firstMismatch(Replica a, Replica b, long from, long to) {
    for (long seq = from; seq < to; seq++) {
      ReplicaRecord x = a.records().get((int) (seq - a.first()));
      ReplicaRecord y = b.records().get((int) (seq - b.first()));
      if (x.sequenceNumber() != seq || y.sequenceNumber() != seq) {
        return Map.entry(seq, "stored sequence numbers " + x.sequenceNumber() + " and " + y.sequenceNumber());
      }
      if (!x.stored().equals(y.stored())) {
        return Map.entry(seq, "epochs " + x.leaderEpoch() + " and " + y.leaderEpoch() + ", arrivals "
            + x.arrivalMillis() + " and " + y.arrivalMillis() + ", bytes " + x.stored().size() + " and "
            + y.stored().size());
      }
    }
    return null;
  }
}
