package io.tributary.delivery.job;

import io.tributary.api.operators.OperatorContext;
import io.tributary.api.operators.ProcessingTimeService;
import io.tributary.api.sinks.SinkWriter;
import io.tributary.delivery.ErrorOutputType;
import io.tributary.delivery.PartitionKeyExtractor;
import io.tributary.delivery.TransformOutcome;
import io.tributary.delivery.format.ErrorRecord;
import io.tributary.delivery.format.ErrorRecords;
import io.tributary.delivery.format.ObjectEncoder;
import io.tributary.delivery.spec.DeliverySpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One subtask of a delivery stream: transforms, partitions and checks each record, buffers it, and
 * closes buffers into batches that are delivered exactly once. Confined to the subtask's thread
 * (its publisher delivers on its own thread).
 *
 * <p>Exactly once: a closed batch is not delivered at once but kept, and stored in every checkpoint,
 * until a checkpoint taken after its close completes; then the publisher delivers it. A batch
 * delivered before a failure is delivered again after the restore under the same key with the same
 * bytes, which every destination treats as one delivery. Records that follow the checkpoint are
 * read again by the source and buffered again.
 */
final class DeliveryWriter implements SinkWriter<byte[]> {
  /** Handed-over batches the publisher may have pending before the task thread waits for it. */
  static final int MAX_BACKLOG = 8;
  private static final long TIMER_MILLIS = 1000;

  private final DeliverySpec spec;
  private final DeliveryMetrics metrics;
  private final Clock clock;
  private final ProcessingTimeService time;
  private final ObjectKeys keys;
  private final ObjectEncoder encoder;
  private final PartitionKeyExtractor extractor;
  private final TransformStep transform;
  private final BatchCloser closer;
  private final OpenBuffers buffers;
  private final BatchPublisher publisher;
  private final long startAtMillis;
  /** Closed batches not yet delivered, in close order; the first {@code handedOver} are with the publisher. */
  private final List<ClosedBatch> undelivered = new ArrayList<>();
  private int handedOver;
  private volatile long oldestUndelivered = Long.MAX_VALUE;
  private ProcessingTimeService.Cancellable timer;

  /** @param transform the delivery stream's transform, or null without one */
  DeliveryWriter(DeliverySpec spec, OperatorContext context, TransformStep transform) throws Exception {
    this.spec = spec;
    this.clock = context.clock();
    this.time = context.processingTimeService();
    this.keys = new ObjectKeys(spec);
    this.encoder = ObjectEncoder.forSpec(spec);
    this.metrics = new DeliveryMetrics(context.metrics(), this::oldestUndeliveredAge);
    this.extractor = spec.partitionKeys().isEmpty() ? null : new PartitionKeyExtractor(spec.partitionKeys());
    this.transform = transform;
    this.closer = new BatchCloser(keys, context.subtaskIndex(), Math.max(0, context.restoredCheckpointId()));
    this.buffers = new OpenBuffers(spec.bufferingHints(), closer, this::closed);
    this.startAtMillis = spec.directPut() ? Long.MIN_VALUE : spec.startAtMillis();
    this.publisher = DeliveryDestinations.publisher(spec, encoder, keys, metrics, clock,
        "delivery-" + spec.name() + "-" + context.subtaskIndex());
    restore(context.restoredState());
    scheduleTimer();
  }

  @Override
  public void write(byte[] record, long arrivalMillis) throws Exception {
    if (arrivalMillis < startAtMillis) {
      return; // an existing stream is read from its trim horizon; what came before creation is not ours
    }
    metrics.recordsIn.inc();
    metrics.bytesIn.inc(record.length);
    byte[] data = record;
    Map<String, String> transformKeys = Map.of();
    if (transform != null) {
      TransformOutcome outcome = transform.apply(record, arrivalMillis);
      if (outcome instanceof TransformOutcome.Ok ok) {
        data = ok.data();
        transformKeys = ok.partitionKeys();
      } else if (outcome instanceof TransformOutcome.ProcessingFailed failed) {
        fail(ErrorOutputType.PROCESSING_FAILED, "Transform.ProcessingFailed", failed.reason(), record, arrivalMillis);
        return;
      } else {
        metrics.recordsDropped.inc();
        return;
      }
    }
    Map<String, String> partition = partitionKeys(data, transformKeys, record, arrivalMillis);
    if (partition == null) {
      return;
    }
    String problem = encoder.conversionProblem(data);
    if (problem != null) {
      fail(ErrorOutputType.FORMAT_CONVERSION_FAILED, "Conversion.SchemaMismatch", problem, record, arrivalMillis);
      return;
    }
    OpenBuffer buffer = buffers.dataBuffer(partition);
    if (buffer == null) {
      String unusable = partition.isEmpty() ? null : keys.problem(partition);
      if (unusable != null) {
        fail(ErrorOutputType.PARTITIONING_FAILED, "Partitioning.KeyNotFound", unusable, record, arrivalMillis);
        return;
      }
      buffer = buffers.openDataBuffer(partition, time.currentProcessingTime());
    }
    buffers.append(buffer, data, arrivalMillis, time.currentProcessingTime());
  }

  @Override
  public List<Object> snapshotState(long checkpointId) {
    pollDelivered();
    publisher.checkHealthy();
    List<Object> state = new ArrayList<>(undelivered.size() + 8);
    state.addAll(undelivered);
    state.addAll(buffers.states());
    closer.snapshotTaken(checkpointId);
    return state;
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) {
    pollDelivered();
    while (handedOver < undelivered.size() && undelivered.get(handedOver).committedBy(checkpointId)) {
      publisher.hand(undelivered.get(handedOver++));
    }
  }

  @Override
  public void flush(boolean endOfInput) throws Exception {
    if (!endOfInput) {
      return;
    }
    buffers.closeAll();
    while (handedOver < undelivered.size()) {
      publisher.hand(undelivered.get(handedOver++));
    }
    publisher.awaitBacklogAtMost(0);
    pollDelivered();
  }

  @Override
  public void close() throws Exception {
    if (timer != null) {
      timer.cancel();
    }
    publisher.close();
  }

  /** The keys of the object the record goes to, or null when it went to the error output. */
  private Map<String, String> partitionKeys(byte[] data, Map<String, String> fromTransform, byte[] record,
      long arrivalMillis) {
    List<String> names = keys.partitionKeyNames();
    if (names.isEmpty()) {
      return Map.of();
    }
    Map<String, String> extracted = Map.of();
    if (extractor != null && !fromTransform.keySet().containsAll(names)) {
      PartitionKeyExtractor.Extraction extraction = extractor.extract(data);
      if (extraction instanceof PartitionKeyExtractor.Failed failed) {
        fail(ErrorOutputType.PARTITIONING_FAILED, "Partitioning.KeyNotFound", failed.reason(), record, arrivalMillis);
        return null;
      }
      extracted = ((PartitionKeyExtractor.Extracted) extraction).keys();
    }
    Map<String, String> partition = new HashMap<>(names.size() * 2);
    for (String name : names) {
      String value = fromTransform.get(name);
      partition.put(name, value != null ? value : extracted.get(name));
    }
    return partition;
  }

  private void fail(ErrorOutputType type, String code, String reason, byte[] record, long arrivalMillis) {
    metrics.recordsFailed.inc();
    byte[] line = ErrorRecords.encode(
        new ErrorRecord(type, code, reason, record, arrivalMillis, 0, clock.millis(), spec.name()));
    buffers.appendError(type, line, arrivalMillis, time.currentProcessingTime());
  }

  private void closed(ClosedBatch batch) {
    undelivered.add(batch);
    oldestUndelivered = Math.min(oldestUndelivered, batch.oldestArrivalMillis());
    try {
      publisher.awaitBacklogAtMost(MAX_BACKLOG);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for delivery to " + spec.destination()
          + " to catch up; the subtask is being canceled", e);
    }
  }

  private void pollDelivered() {
    int done = publisher.pollCompleted();
    if (done == 0) {
      return;
    }
    undelivered.subList(0, done).clear();
    handedOver -= done;
    long oldest = Long.MAX_VALUE;
    for (ClosedBatch batch : undelivered) {
      oldest = Math.min(oldest, batch.oldestArrivalMillis());
    }
    oldestUndelivered = oldest;
  }

  private void restore(List<Object> restored) {
    for (Object item : restored) {
      if (item instanceof ClosedBatch batch) {
        closed(batch);
      } else if (item instanceof BufferState state) {
        buffers.restore(state, time.currentProcessingTime());
      } else {
        throw new IllegalStateException("restored delivery state holds " + item.getClass().getName()
            + ", not a buffer or batch; the checkpoint belongs to another sink, give the delivery sink its uid"
            + " 'delivery-sink'");
      }
    }
    // the restored checkpoint completed, so every batch it holds is committed: deliver them again
    while (handedOver < undelivered.size()) {
      publisher.hand(undelivered.get(handedOver++));
    }
  }

  private void scheduleTimer() {
    timer = time.registerTimer(time.currentProcessingTime() + TIMER_MILLIS, now -> {
      pollDelivered();
      publisher.checkHealthy();
      buffers.closeDue(time.currentProcessingTime());
      scheduleTimer();
    });
  }

  private long oldestUndeliveredAge() {
    long oldest = Math.min(buffers.oldestArrival(), oldestUndelivered);
    return oldest == Long.MAX_VALUE ? 0 : Math.max(0, clock.millis() - oldest);
  }
}
