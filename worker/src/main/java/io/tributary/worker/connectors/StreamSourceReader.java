package io.tributary.worker.connectors;

import io.tributary.api.connectors.StartingPosition;
import io.tributary.api.connectors.StreamSource;
import io.tributary.api.sources.InputStatus;
import io.tributary.api.sources.SourceOutput;
import io.tributary.api.sources.SourceReader;
import io.tributary.client.GetRecordsResult;
import io.tributary.client.Position;
import io.tributary.client.ReceivedRecord;
import io.tributary.client.ShardReader;
import io.tributary.client.TributaryClient;
import io.tributary.proto.v1.ShardInfo;
import io.tributary.proto.v1.ShardState;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one source subtask's shards of a stream (see {@link ShardOwnership}), one shard per poll,
 * round robin; records carry their arrival time. Confined to the subtask's thread.
 *
 * <p>A bounded source reads each owned shard up to its {@link ShardBounds bound} and then ends.
 */
final class StreamSourceReader<T> implements SourceReader<T> {
  private static final long REDISCOVER_MS = 5_000;
  /** A shard that returned nothing is asked again after this, to stay within its read quota. */
  private static final long EMPTY_BACKOFF_MS = 200;
  private static final int BATCH = 500;

  private final TributaryClient client;
  private final StreamSource<T> source;
  private final int subtask;
  private final int parallelism;
  private final Clock clock;
  private final Map<String, ShardReader> active = new LinkedHashMap<>();
  private final Map<String, Long> quietUntil = new HashMap<>();
  private final Set<String> started = new HashSet<>();
  private final Set<String> finished = new HashSet<>();
  /** Per started shard, the sequence number of the last record emitted from it. */
  private final Map<String, Long> lastEmitted = new HashMap<>();
  /** Restored positions of the shards this subtask owns (union state: other subtasks' entries are dropped). */
  private final Map<String, Long> restoredAfter = new HashMap<>();
  /** Bounded sources only: the last sequence number to read per owned shard. */
  private final ShardBounds bounds;
  private boolean firstDiscovery = true;
  private boolean rediscover = true;
  private long discoveredAt;
  private int next;

  StreamSourceReader(TributaryClient client, StreamSource<T> source, int subtask, int parallelism, Clock clock) {
    this.client = client;
    this.source = source;
    this.subtask = subtask;
    this.parallelism = parallelism;
    this.clock = clock;
    this.bounds = source.bounded() ? new ShardBounds(client, source.stream(), subtask, parallelism, clock) : null;
  }

  /** Position in a checkpoint: a shard read up to {@code lastSequence} (-1: none), or finished. */
  record ShardPosition(String shardId, long lastSequence, boolean finished) {}

  /** Resumes after the positions of a checkpoint; entries of shards other subtasks own are ignored. */
  void restore(List<Object> positions) {
    if (bounds != null) {
      bounds.restoreOrRecord(positions);
    }
    for (Object entry : positions) {
      if (!(entry instanceof ShardPosition p)) {
        continue;
      }
      if (!ShardOwnership.owns(p.shardId(), subtask, parallelism)) {
        continue;
      }
      if (p.finished()) {
        started.add(p.shardId());
        finished.add(p.shardId());
        lastEmitted.put(p.shardId(), p.lastSequence());
      } else if (p.lastSequence() >= 0) {
        restoredAfter.put(p.shardId(), p.lastSequence());
        lastEmitted.put(p.shardId(), p.lastSequence());
      }
    }
    firstDiscovery = positions.isEmpty();
  }

  @Override
  public List<Object> snapshotState(long checkpointId) {
    List<Object> positions = new ArrayList<>();
    for (String shard : started) {
      positions.add(new ShardPosition(shard, lastEmitted.getOrDefault(shard, -1L), finished.contains(shard)));
    }
    // Restored positions of shards not reopened yet (a checkpoint right after a restore, before the
    // first poll) must survive into this checkpoint, or a later restore would read them again.
    restoredAfter.forEach((shard, after) -> {
      if (!started.contains(shard)) {
        positions.add(new ShardPosition(shard, after, false));
      }
    });
    if (bounds != null) {
      positions.addAll(bounds.snapshot());
    }
    return positions;
  }

  @Override
  public InputStatus pollNext(SourceOutput<T> output) {
    long now = clock.millis();
    if (rediscover || now - discoveredAt >= REDISCOVER_MS) {
      discover(now);
    }
    List<String> shards = new ArrayList<>(active.keySet());
    for (int k = 0; k < shards.size(); k++) {
      String shardId = shards.get((next + k) % shards.size());
      if (quietUntil.getOrDefault(shardId, 0L) > now) {
        continue;
      }
      next = (next + k + 1) % shards.size();
      return poll(shardId, output, now);
    }
    if (bounds != null && active.isEmpty() && bounds.allDone(finished)) {
      return InputStatus.END_OF_INPUT;
    }
    return InputStatus.NOTHING_AVAILABLE;
  }

  private InputStatus poll(String shardId, SourceOutput<T> output, long now) {
    ShardReader reader = active.get(shardId);
    GetRecordsResult result = reader.poll(BATCH);
    long last = bounds == null ? Long.MAX_VALUE : bounds.lastOf(shardId);
    boolean reachedBound = false;
    long emitted = -1;
    for (ReceivedRecord r : result.records()) {
      if (r.sequenceNumber() > last) {
        reachedBound = true;
        break;
      }
      output.collect(source.deserializer().deserialize(r.partitionKey(), r.data()), r.arrivalMillis());
      emitted = r.sequenceNumber();
      reachedBound = emitted == last;
    }
    if (emitted >= 0) {
      lastEmitted.put(shardId, emitted);
    }
    if (reader.finished() || reachedBound) {
      active.remove(shardId).close();
      finished.add(shardId);
      rediscover = true; // its children may be readable now
    } else if (result.records().isEmpty()) {
      quietUntil.put(shardId, now + EMPTY_BACKOFF_MS);
      return InputStatus.NOTHING_AVAILABLE;
    }
    return InputStatus.MORE_AVAILABLE;
  }

  private void discover(long now) {
    List<ShardInfo> shards = client.describeStream(source.stream(), false).getShardsList();
    List<ShardInfo> readable = ShardOwnership.readable(shards, started, finished, subtask, parallelism);
    while (!readable.isEmpty()) {
      for (ShardInfo shard : readable) {
        start(shard);
      }
      readable = ShardOwnership.readable(shards, started, finished, subtask, parallelism);
    }
    firstDiscovery = false;
    rediscover = false;
    discoveredAt = now;
  }

  private void start(ShardInfo shard) {
    String id = shard.getShardId();
    started.add(id);
    boolean latest = firstDiscovery && source.start() == StartingPosition.LATEST;
    if (latest && shard.getState() == ShardState.CLOSED) {
      finished.add(id); // nothing comes after the latest record of a closed shard
      return;
    }
    if (bounds != null && (latest || bounds.nothingLeft(id, lastEmitted.getOrDefault(id, -1L)))) {
      finished.add(id); // empty at the start, created after it, read up to it, or latest means none of it
      restoredAfter.remove(id);
      return;
    }
    // shards that appear later were created after the job started: read them whole
    Long after = restoredAfter.remove(id);
    Position position = after != null ? Position.afterSequence(after) : latest ? Position.latest() : Position.trimHorizon();
    active.put(id, client.newShardReader(source.stream(), id, position));
  }

  @Override
  public void close() {
    active.values().forEach(ShardReader::close);
    active.clear();
  }
}
