package io.tributary.client.internal;

import io.tributary.client.GetRecordsResult;
import io.tributary.client.Position;
import io.tributary.client.ReceivedRecord;
import io.tributary.client.StreamReader;
import io.tributary.common.error.Errors;
import io.tributary.common.stream.Limits;
import io.tributary.proto.v1.IteratorType;
import io.tributary.proto.v1.ShardInfo;
import io.tributary.proto.v1.ShardState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads every shard of a stream, open and closed, polling the readable ones round-robin. A shard
 * becomes readable once each of its parents is read to its end, so records of one key come out in
 * order across splits and merges. Confined to one thread.
 */
public final class StreamReaderImpl implements StreamReader {
  private static final long REDISCOVER_MILLIS = 5_000;

  private final ClientContext context;
  private final ShardCalls calls;
  private final String stream;
  private final Position start;
  private final Map<String, ShardReaderImpl> active = new LinkedHashMap<>();
  private final Set<String> seen = new HashSet<>();
  private final Set<String> finished = new HashSet<>();
  private final Map<String, Long> lag = new HashMap<>();
  private boolean firstDiscovery = true;
  private boolean rediscover;
  private long discoveredAtMillis;
  private int next;
  private boolean closed;

  public StreamReaderImpl(ClientContext context, ShardCalls calls, String stream, Position start) {
    this.context = context;
    this.calls = calls;
    this.stream = stream;
    this.start = start;
    discover();
  }

  @Override
  public List<ReceivedRecord> poll(int limit) {
    if (closed) {
      throw new IllegalStateException("the reader of stream '" + stream + "' is closed");
    }
    if (limit < 1) {
      throw Errors.invalid("limit must be at least 1, got " + limit);
    }
    if (rediscover || context.clock().millis() - discoveredAtMillis >= REDISCOVER_MILLIS) {
      discover();
    }
    List<ShardReaderImpl> readers = new ArrayList<>(active.values());
    List<ReceivedRecord> out = new ArrayList<>();
    int n = readers.size();
    for (int k = 0; k < n && out.size() < limit; k++) {
      ShardReaderImpl reader = readers.get((next + k) % n);
      GetRecordsResult result = reader.poll(Math.min(limit - out.size(), Limits.MAX_GET_RECORDS));
      out.addAll(result.records());
      lag.put(reader.shardId(), result.millisBehindLatest());
      if (reader.finished()) {
        finish(reader.shardId());
      }
    }
    next = n == 0 ? 0 : (next + 1) % n;
    return out;
  }

  private void finish(String shardId) {
    active.remove(shardId).close();
    finished.add(shardId);
    lag.remove(shardId);
    rediscover = true; // its children may be readable now
  }

  /** Starts readers for every shard not yet seen whose parents are all finished. */
  private void discover() {
    ShardMap map = context.maps().refresh(stream);
    boolean progress = true;
    while (progress) {
      progress = false;
      for (ShardInfo shard : map.shards()) {
        if (!seen.contains(shard.getShardId()) && parentsFinished(shard, map)) {
          seen.add(shard.getShardId());
          startReading(shard);
          progress = true;
        }
      }
    }
    firstDiscovery = false;
    rediscover = false;
    discoveredAtMillis = context.clock().millis();
  }

  private boolean parentsFinished(ShardInfo shard, ShardMap map) {
    for (String parent : shard.getParentShardIdsList()) {
      // a parent missing from the description has aged out of retention: nothing left to read
      if (map.shard(parent).isPresent() && !finished.contains(parent)) {
        return false;
      }
    }
    return true;
  }

  private void startReading(ShardInfo shard) {
    String id = shard.getShardId();
    if (firstDiscovery && start.type() == IteratorType.LATEST && shard.getState() == ShardState.CLOSED) {
      finished.add(id); // nothing will ever come after the latest record of a closed shard
      return;
    }
    // shards that appear later are read whole: they were created after the reader started
    Position position = firstDiscovery ? start : Position.trimHorizon();
    active.put(id, new ShardReaderImpl(context, calls, stream, id, position));
  }

  @Override
  public long millisBehindLatest() {
    long max = 0;
    for (long l : lag.values()) {
      max = Math.max(max, l);
    }
    return max;
  }

  @Override
  public void close() {
    closed = true;
    active.values().forEach(ShardReaderImpl::close);
    active.clear();
  }
}
