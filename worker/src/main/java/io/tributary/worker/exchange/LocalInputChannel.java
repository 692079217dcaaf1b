package io.tributary.worker.exchange;

import java.time.Duration;

/**
 * Reads a subpartition of a producer on the same worker straight from its queue: batches are
 * handed over as objects, without serialization. Thread-safe as {@link InputChannel} describes.
 */
final class LocalInputChannel implements InputChannel, SubpartitionConsumer {
  private final int index;
  private final ChannelSpec spec;
  private final PartitionRegistry registry;
  private final Duration connectTimeout;
  private final ChannelListener listener;
  private volatile Subpartition subpartition;
  private volatile boolean closed;

  LocalInputChannel(
      int index, ChannelSpec spec, PartitionRegistry registry, Duration connectTimeout, ChannelListener listener) {
    this.index = index;
    this.spec = spec;
    this.registry = registry;
    this.connectTimeout = connectTimeout;
    this.listener = listener;
  }

  @Override
  public void start() {
    registry.await(new PartitionKey(spec.producer(), spec.outputIndex()), connectTimeout, this::attach);
  }

  private void attach(ResultPartition partition, ExchangeException error) {
    if (error != null) {
      listener.channelFailed(index, error);
      return;
    }
    if (closed) {
      return;
    }
    try {
      Subpartition target = partition.subpartition(spec.consumerSubtask());
      subpartition = target;
      target.attach(this);
      if (closed) {
        target.detach(this);
      }
    } catch (ExchangeException e) {
      listener.channelFailed(index, e);
    }
  }

  @Override
  public ElementBatch pollNext() {
    Subpartition source = subpartition;
    return source == null ? null : source.poll();
  }

  @Override
  public boolean hasData() {
    Subpartition source = subpartition;
    return source != null && !source.isEmpty();
  }

  @Override
  public void recycle() {
    // The batch left the producer's queue when it was polled; nothing to return.
  }

  @Override
  public void dataAvailable() {
    listener.channelHasData(index);
  }

  @Override
  public void released(ExchangeException reason) {
    listener.channelFailed(index, reason);
  }

  @Override
  public void close() {
    closed = true;
    Subpartition source = subpartition;
    if (source != null) {
      source.detach(this);
    }
  }
}
