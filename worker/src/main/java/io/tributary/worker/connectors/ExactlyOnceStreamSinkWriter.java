package io.tributary.worker.connectors;

import io.tributary.api.connectors.StreamRecordSerializer;
import io.tributary.api.sinks.SinkWriter;
import io.tributary.client.PutRecord;
import io.tributary.worker.connectors.SinkCommittable.ShardBatch;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Writes one sink subtask's records to a stream exactly once, for jobs with checkpoints: records
 * are routed to their shard as they arrive and held; at checkpoint n they become a {@link
 * SinkCommittable}, numbered per shard under this run's producer id, which is written when n
 * completes. The committable is part of checkpoint n, so after a restore it is written again with
 * the same ids and sequences, and brokers drop what they already have. Confined to the subtask's
 * thread.
 *
 * <p>Memory: the records of about one checkpoint interval (more while checkpoints fail) are held.
 * Records reach the stream one checkpoint after they were written, as with any two-phase sink. A
 * reshard of the output stream while records wait for their shard fails the commit (see {@code
 * TributaryClient.putSequenced}) rather than risk a duplicate in a child shard.
 *
 * <p>Limits: brokers remember a producer for their producer-state window (5 minutes by default), so
 * a restore from a checkpoint or savepoint older than that writes its last committables (at most
 * about one interval of records per subtask) a second time if they had been written. Records held
 * at the end of input are written then, not at a checkpoint; a job that fails after that replays
 * them under the same numbers, which drops them as duplicates only if the replay sends the same
 * records in the same order (a deterministic job).
 */
final class ExactlyOnceStreamSinkWriter<T> implements SinkWriter<T> {
  private static final Logger LOG = LogManager.getLogger(ExactlyOnceStreamSinkWriter.class);

  private final ShardWrites writes;
  private final StreamRecordSerializer<T> serializer;
  private final long producerId;
  private final Map<String, List<PutRecord>> buffered = new LinkedHashMap<>();
  /** Per shard, the producer sequence the next committable starts at. */
  private final Map<String, Long> nextSequence = new HashMap<>();
  private final ArrayDeque<SinkCommittable> pending = new ArrayDeque<>();

  ExactlyOnceStreamSinkWriter(ShardWrites writes, StreamRecordSerializer<T> serializer, long producerId) {
    this.writes = writes;
    this.serializer = serializer;
    this.producerId = producerId;
  }

  /**
   * Writes again what a restored checkpoint held (committables of any subtask, in checkpoint
   * order); the checkpoint completed, so all of it belongs in the stream.
   */
  void commitRestored(List<Object> restored) {
    List<SinkCommittable> committables = new ArrayList<>(restored.size());
    for (Object entry : restored) {
      committables.add((SinkCommittable) entry);
    }
    committables.sort(Comparator.comparingLong(SinkCommittable::checkpointId));
    for (SinkCommittable c : committables) {
      commit(c);
    }
  }

  @Override
  public void write(T value, long timestamp) throws Exception {
    String key = serializer.partitionKey(value);
    PutRecord record = PutRecord.of(key, serializer.data(value));
    buffered.computeIfAbsent(writes.shardFor(key), s -> new ArrayList<>()).add(record);
  }

  @Override
  public List<Object> snapshotState(long checkpointId) {
    seal(checkpointId);
    return List.copyOf(pending);
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) {
    while (!pending.isEmpty() && pending.peekFirst().checkpointId() <= checkpointId) {
      commit(pending.peekFirst());
      pending.removeFirst();
    }
  }

  /** At the end of input nothing replays after this point, so everything held is written now. */
  @Override
  public void flush(boolean endOfInput) {
    if (endOfInput) {
      seal(Long.MAX_VALUE);
      notifyCheckpointComplete(Long.MAX_VALUE);
    }
  }

  /** Numbers the held records as the committable of {@code checkpointId}. */
  private void seal(long checkpointId) {
    if (buffered.isEmpty()) {
      return;
    }
    List<ShardBatch> shards = new ArrayList<>(buffered.size());
    buffered.forEach((shardId, records) -> {
      ShardBatch batch = new ShardBatch(shardId, nextSequence.getOrDefault(shardId, 1L), records);
      nextSequence.put(shardId, batch.nextSequence());
      shards.add(batch);
    });
    buffered.clear();
    pending.addLast(new SinkCommittable(checkpointId, producerId, shards));
  }

  private void commit(SinkCommittable committable) {
    for (ShardBatch batch : committable.shards()) {
      writes.put(batch.shardId(), committable.producerId(), batch.firstSequence(), batch.records());
    }
    LOG.debug("committed {} records of checkpoint {} as producer {}", committable.recordCount(),
        committable.checkpointId(), committable.producerId());
  }

  /** Unwritten records stay in the last checkpoint (or are replayed from it); nothing to release. */
  @Override
  public void close() {}
}
