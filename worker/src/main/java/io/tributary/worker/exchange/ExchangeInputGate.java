package io.tributary.worker.exchange;

import io.tributary.worker.TaskKey;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * An input gate over local and remote channels. Thread-safe: channels report data and failures from
 * any thread; {@link #poll} and {@link #recycle} are confined to the consuming task's thread.
 *
 * <p>Channels announce themselves when they get data and wait in a queue, so a poll costs the same
 * with 2 or 200 channels and idle channels are never scanned.
 */
final class ExchangeInputGate implements InputGate, ChannelListener {
  /** Builds the channel {@code index} of a gate that reports to {@code listener}. */
  interface ChannelFactory {
    InputChannel create(int index, ChannelSpec spec, ChannelListener listener);
  }

  private final TaskKey consumer;
  private final int[] inputs;
  private final InputChannel[] channels;
  private final Consumer<ExchangeInputGate> onClose;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition available = lock.newCondition();
  private final int[] withData; // ring of channel indexes; each channel is in it at most once
  private int head;
  private int count;
  private final boolean[] queued;
  private final boolean[] ended;
  private final boolean[] blocked;
  private ExchangeException failure;
  private boolean closed;

  private ExchangeInputGate(
      TaskKey consumer, List<ChannelSpec> specs, ChannelFactory factory, Consumer<ExchangeInputGate> onClose) {
    this.consumer = consumer;
    this.onClose = onClose;
    int n = specs.size();
    this.inputs = new int[n];
    this.channels = new InputChannel[n];
    this.withData = new int[n];
    this.queued = new boolean[n];
    this.ended = new boolean[n];
    this.blocked = new boolean[n];
    for (int i = 0; i < n; i++) {
      inputs[i] = specs.get(i).input();
      channels[i] = factory.create(i, specs.get(i), this);
    }
  }

  /** A gate whose channels have started attaching to their producers. */
  static ExchangeInputGate open(
      TaskKey consumer, List<ChannelSpec> specs, ChannelFactory factory, Consumer<ExchangeInputGate> onClose) {
    ExchangeInputGate gate = new ExchangeInputGate(consumer, specs, factory, onClose);
    for (InputChannel channel : gate.channels) {
      channel.start();
    }
    return gate;
  }

  TaskKey consumer() {
    return consumer;
  }

  @Override
  public int numChannels() {
    return channels.length;
  }

  @Override
  public int inputOf(int channel) {
    return inputs[channel];
  }

  @Override
  public Delivery poll(long timeout, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    while (true) {
      int index = nextChannelWithData(deadline);
      if (index < 0) {
        return null;
      }
      ElementBatch batch = channels[index].pollNext();
      if (batch == null) {
        continue; // announced twice for one batch; the other announcement delivered it
      }
      if (batch.endsPartition()) {
        markEnded(index);
      } else if (channels[index].hasData()) {
        channelHasData(index);
      }
      return new Delivery(index, batch);
    }
  }

  private int nextChannelWithData(long deadline) throws InterruptedException {
    lock.lock();
    try {
      while (true) {
        if (failure != null) {
          throw new ExchangeException(failure.getMessage(), failure);
        }
        if (closed) {
          throw new ExchangeException("input gate of " + consumer + " is closed");
        }
        while (count > 0) {
          int index = withData[head];
          head = (head + 1) % withData.length;
          count--;
          queued[index] = false;
          if (!blocked[index]) {
            return index;
          }
        }
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
          return -1;
        }
        available.awaitNanos(remaining);
      }
    } finally {
      lock.unlock();
    }
  }

  private void markEnded(int index) {
    lock.lock();
    try {
      ended[index] = true;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void recycle(Delivery delivery) {
    channels[delivery.channel()].recycle();
  }

  @Override
  public void block(int channel) {
    lock.lock();
    try {
      blocked[channel] = true;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void unblock(int channel) {
    lock.lock();
    try {
      blocked[channel] = false;
    } finally {
      lock.unlock();
    }
    // announcements that came while blocked were dropped; one more is harmless
    if (channels[channel].hasData()) {
      channelHasData(channel);
    }
  }

  @Override
  public void channelHasData(int index) {
    lock.lock();
    try {
      if (!queued[index] && !ended[index] && !blocked[index]) {
        queued[index] = true;
        withData[(head + count) % withData.length] = index;
        count++;
        available.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void channelFailed(int index, ExchangeException error) {
    fail(ended(index) ? null : error);
  }

  private boolean ended(int index) {
    lock.lock();
    try {
      return ended[index];
    } finally {
      lock.unlock();
    }
  }

  /** Makes every poll throw {@code error} (the first failure wins); null does nothing. */
  void fail(ExchangeException error) {
    if (error == null) {
      return;
    }
    lock.lock();
    try {
      if (failure == null && !closed) {
        failure = error;
        available.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      available.signalAll();
    } finally {
      lock.unlock();
    }
    for (InputChannel channel : channels) {
      channel.close();
    }
    onClose.accept(this);
  }
}
