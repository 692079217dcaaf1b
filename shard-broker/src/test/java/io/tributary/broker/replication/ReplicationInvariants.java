package io.tributary.broker.replication;

import com.google.protobuf.ByteString;
import io.tributary.common.stream.ShardMetadata;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * The named invariants of the replication simulation, checked after every step: NoAckedRecordLost
 * (every acknowledged record is in the log of the leader and of every in-sync replica, unchanged),
 * SingleLeaderPerEpoch (no two brokers accept writes under one epoch), MonotonicHighWatermark and
 * StableVisibleRecords (a leader's high watermark never falls, and a record once below some leader's
 * high watermark never changes). Checks incrementally what moved since the previous step. Confined
 * to the simulation's thread.
 */
final class ReplicationInvariants {
  private final NavigableMap<Long, ByteString> acked = new TreeMap<>();
  private final List<Long> freshAckRanges = new ArrayList<>();
  private final List<ByteString> freshAckBytes = new ArrayList<>();
  private final Map<Long, Integer> leaderOfEpoch = new HashMap<>();
  private final Map<LeaderReplica, Long> highWatermarks = new IdentityHashMap<>();
  private final List<ByteString> visible = new ArrayList<>();
  private final Map<Integer, Long> lowestChange = new HashMap<>();
  private Set<Integer> checkedMembers = Set.of();

  /** Notes an acks=all write acknowledged to its producer: {@code records[i]} is at {@code first + i}. */
  void acknowledged(long first, List<ByteString> records) {
    for (int i = 0; i < records.size(); i++) {
      freshAckRanges.add(first + i);
      freshAckBytes.add(records.get(i));
    }
  }

  /** Notes a write accepted by {@code broker} as leader under {@code epoch}. */
  void acceptedWrite(int broker, long epoch) {
    Integer other = leaderOfEpoch.putIfAbsent(epoch, broker);
    if (other != null && other != broker) {
      throw new AssertionError("SingleLeaderPerEpoch: brokers " + other + " and " + broker
          + " both accepted writes under epoch " + epoch);
    }
  }

  int acknowledgedCount() {
    return acked.size();
  }

  void check(ShardMetadata current, List<BrokerTwin> brokers) {
    recordFreshAcks();
    checkSingleLeader(brokers);
    Set<Integer> members = new HashSet<>(current.inSyncReplicas());
    if (current.leader() != ShardMetadata.NO_LEADER) {
      members.add(current.leader());
    }
    for (BrokerTwin broker : brokers) {
      long changed = Math.min(lowestChange.getOrDefault(broker.id, Long.MAX_VALUE), broker.log.takeLowestChange());
      if (!members.contains(broker.id)) {
        lowestChange.put(broker.id, changed);
        continue;
      }
      long from = checkedMembers.contains(broker.id) ? changed : Long.MIN_VALUE;
      for (Map.Entry<Long, ByteString> record : acked.tailMap(from, true).entrySet()) {
        checkHolds(broker, record.getKey(), record.getValue(), current);
      }
      for (int i = 0; i < freshAckRanges.size(); i++) {
        checkHolds(broker, freshAckRanges.get(i), freshAckBytes.get(i), current);
      }
      lowestChange.put(broker.id, Long.MAX_VALUE);
    }
    checkedMembers = members;
    freshAckRanges.clear();
    freshAckBytes.clear();
    for (BrokerTwin broker : brokers) {
      if (broker.leader != null) {
        checkHighWatermark(broker);
      }
    }
  }

  private void recordFreshAcks() {
    for (int i = 0; i < freshAckRanges.size(); i++) {
      long sequence = freshAckRanges.get(i);
      ByteString previous = acked.putIfAbsent(sequence, freshAckBytes.get(i));
      if (previous != null && !previous.equals(freshAckBytes.get(i))) {
        throw new AssertionError("NoAckedRecordLost: two different records were acknowledged at sequence " + sequence);
      }
    }
  }

  private void checkSingleLeader(List<BrokerTwin> brokers) {
    Map<Long, Integer> acting = new HashMap<>();
    for (BrokerTwin broker : brokers) {
      if (broker.leader != null) {
        Integer other = acting.put(broker.leader.metadata().leaderEpoch(), broker.id);
        if (other != null) {
          throw new AssertionError("SingleLeaderPerEpoch: brokers " + other + " and " + broker.id
              + " both lead under epoch " + broker.leader.metadata().leaderEpoch());
        }
      }
    }
  }

  private void checkHolds(BrokerTwin broker, long sequence, ByteString expected, ShardMetadata current) {
    ByteString actual = recordAt(broker.log, sequence);
    if (!expected.equals(actual)) {
      throw new AssertionError("NoAckedRecordLost: acknowledged record " + sequence + " is "
          + (actual == null ? "missing from" : "different in") + " the log of broker " + broker.id
          + " (log [" + broker.log.firstSequenceNumber() + ", " + broker.log.nextSequenceNumber() + "), shard "
          + current + ")");
    }
  }

  private void checkHighWatermark(BrokerTwin broker) {
    long highWatermark = broker.leader.highWatermark();
    Long previous = highWatermarks.get(broker.leader);
    if (previous != null && highWatermark < previous) {
      throw new AssertionError("MonotonicHighWatermark: broker " + broker.id + " lowered its high watermark from "
          + previous + " to " + highWatermark + " under epoch " + broker.leader.metadata().leaderEpoch());
    }
    long from = previous == null ? broker.log.firstSequenceNumber() : previous;
    for (long sequence = from; sequence < highWatermark; sequence++) {
      ByteString record = recordAt(broker.log, sequence);
      while (visible.size() <= sequence) {
        visible.add(null);
      }
      ByteString seen = visible.get((int) sequence);
      if (seen == null) {
        visible.set((int) sequence, record);
      } else if (!seen.equals(record)) {
        throw new AssertionError("StableVisibleRecords: record " + sequence + " below the high watermark of broker "
            + broker.id + " (epoch " + broker.leader.metadata().leaderEpoch() + ") differs from one readers saw");
      }
    }
    highWatermarks.put(broker.leader, highWatermark);
  }

  /** The stored record at {@code sequence} in RecordBatch framing, or null if the log lacks it. */
  static ByteString recordAt(TrackedLog log, long sequence) {
    if (sequence < log.firstSequenceNumber() || sequence >= log.nextSequenceNumber()) {
      return null;
    }
    return log.read(sequence, 1, Integer.MAX_VALUE).records();
  }
}
