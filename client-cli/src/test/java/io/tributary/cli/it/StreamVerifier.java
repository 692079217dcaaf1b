package io.tributary.cli.it;

import static org.awaitility.Awaitility.await;

import io.tributary.cli.it.AckedLedger.Outcome;
import io.tributary.cli.it.AckedLedger.State;
import io.tributary.client.Position;
import io.tributary.client.ReceivedRecord;
import io.tributary.client.ShardReader;
import io.tributary.client.TributaryClient;
import io.tributary.proto.v1.ShardInfo;
import io.tributary.proto.v1.StreamDescription;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads every shard of a stream from its trim horizon to its end through the client and checks the
 * records against an {@link AckedLedger}: every acknowledged record exactly once, at the sequence
 * number its acknowledgement named; each key's records in the order they were sent; no failed or
 * forbidden record; nothing that was never sent. Confined to the test's thread.
 */
final class StreamVerifier {
  private static final Duration READ_WAIT = Duration.ofSeconds(90);
  private static final int MAX_REPORTED = 15;

  private final TributaryClient client;
  private final String stream;
  private final AckedLedger ledger;
  private final List<String> violations = new ArrayList<>();
  private final Set<String> seen = new HashSet<>();
  private final Map<String, Long> lastOrdinalOfKey = new HashMap<>();
  private int read;

  private StreamVerifier(TributaryClient client, String stream, AckedLedger ledger) {
    this.client = client;
    this.stream = stream;
    this.ledger = ledger;
  }

  /** The violations found (empty when the stream holds exactly what it must), and a summary line. */
  record Result(List<String> violations, String summary) {}

  static Result verify(TributaryClient client, String stream, AckedLedger ledger) {
    StreamVerifier v = new StreamVerifier(client, stream, ledger);
    StreamDescription description = client.describeStream(stream, true);
    for (ShardInfo shard : description.getShardsList()) {
      v.readShard(shard);
    }
    v.checkEveryAckedSeen();
    return new Result(v.violations.stream().limit(MAX_REPORTED).toList(),
        v.violations.size() + " violations; read " + v.read + " records; ledger " + ledger.summary());
  }

  private void readShard(ShardInfo shard) {
    long end = shard.getNextSequenceNumber();
    if (!shard.getSequenceRangeKnown()) {
      violations.add("shard " + shard.getShardId() + ": its sequence range is unknown (leader down?)");
      return;
    }
    long[] next = {shard.getFirstSequenceNumber()};
    try (ShardReader reader = client.newShardReader(stream, shard.getShardId(), Position.trimHorizon())) {
      await().atMost(READ_WAIT).pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20)).until(() -> {
        for (ReceivedRecord r : reader.poll(10_000).records()) {
          check(r, next[0]);
          next[0] = r.sequenceNumber() + 1;
        }
        return next[0] >= end;
      });
    }
  }

  private void check(ReceivedRecord r, long expectedAtLeast) {
    read++;
    String where = r.shardId() + "/" + r.sequenceNumber();
    if (r.sequenceNumber() < expectedAtLeast) {
      violations.add(where + ": sequence numbers went back (expected at least " + expectedAtLeast + ")");
    }
    String id = new String(r.data(), StandardCharsets.UTF_8);
    Outcome o = ledger.get(id);
    if (o == null) {
      violations.add(where + ": '" + id + "' was never sent");
      return;
    }
    if (!seen.add(id)) {
      violations.add(where + ": '" + id + "' appears twice");
    }
    if (o.state() == State.FAILED || o.state() == State.FORBIDDEN) {
      violations.add(where + ": '" + id + "' is visible but was " + o.state() + " (" + o.error() + ")");
    } else if (o.state() == State.ACKED && o.sequenceNumber() >= 0
        && (!o.shardId().equals(r.shardId()) || o.sequenceNumber() != r.sequenceNumber())) {
      violations.add(where + ": '" + id + "' was acknowledged at " + o.shardId() + "/" + o.sequenceNumber());
    }
    long ordinal = AckedLedger.ordinal(id);
    Long previous = lastOrdinalOfKey.put(o.key() + "@" + id.substring(0, id.lastIndexOf('-')), ordinal);
    if (previous != null && previous >= ordinal) {
      violations.add(where + ": key " + o.key() + " order broken: '" + id + "' after ordinal " + previous);
    }
  }

  private void checkEveryAckedSeen() {
    for (Outcome o : ledger.all()) {
      if (o.state() == State.ACKED && !seen.contains(o.id())) {
        violations.add("'" + o.id() + "' acknowledged at " + o.shardId() + "/" + o.sequenceNumber() + " is missing");
      }
      if (o.state() == State.PENDING) {
        violations.add("'" + o.id() + "' is still pending after the producer's flush");
      }
    }
  }
}
