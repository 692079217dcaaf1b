package io.tributary.broker.internal;

import io.grpc.stub.ServerCallStreamObserver;
import io.tributary.broker.ReadBatch;
import io.tributary.common.error.TributaryException;
import io.tributary.common.grpc.GrpcErrors;
import io.tributary.common.stream.Limits;
import io.tributary.proto.v1.SubscribeEvent;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Pushes one subscription's records to its client as they arrive. Thread-safe: appends, the
 * client's flow control, heartbeats and termination all just {@link #signal} it; a work counter
 * makes sure exactly one executor thread drains at a time and that no signal is lost.
 *
 * <p>It sends only committed records (below the high watermark), and only while the call is ready,
 * so a slow client holds at most one event in gRPC's buffers; when it catches up, it waits for the
 * high watermark to move instead of polling. A registered
 * consumer's pump also waits, on a scheduled wake-up, while its read quota is spent.
 */
final class SubscriptionPump {
  private static final Logger LOG = LogManager.getLogger(SubscriptionPump.class);

  private final LedShard shard;
  private final ServerCallStreamObserver<SubscribeEvent> observer;
  private final Executor executor;
  private final Clock clock;
  private final int maxEventBytes;
  private final String consumer;
  private final SubscribeQuota quota;
  private final ScheduledExecutorService scheduler;
  private final AtomicInteger work = new AtomicInteger();
  private final AtomicBoolean wakeScheduled = new AtomicBoolean();
  private volatile TributaryException terminal;
  private volatile boolean cancelled;
  private volatile boolean heartbeatDue;
  private volatile long lastEventNanos;
  private long next;
  private boolean done;

  /** An anonymous subscription, without a quota. */
  SubscriptionPump(
      LedShard shard, ServerCallStreamObserver<SubscribeEvent> observer, Executor executor, Clock clock,
      long start, int maxEventBytes) {
    this(shard, observer, executor, clock, start, maxEventBytes, "", SubscribeQuota.unlimited(), null);
  }

  /** A subscription of {@code consumer}, paced by {@code quota}; waits are scheduled on {@code scheduler}. */
  SubscriptionPump(
      LedShard shard, ServerCallStreamObserver<SubscribeEvent> observer, Executor executor, Clock clock,
      long start, int maxEventBytes, String consumer, SubscribeQuota quota, ScheduledExecutorService scheduler) {
    this.shard = shard;
    this.observer = observer;
    this.executor = executor;
    this.clock = clock;
    this.next = start;
    this.maxEventBytes = maxEventBytes;
    this.consumer = consumer;
    this.quota = quota;
    this.scheduler = scheduler;
    this.lastEventNanos = System.nanoTime();
  }

  /** The registered consumer it serves; empty if anonymous. */
  String consumer() {
    return consumer;
  }

  /** Hooks the pump to the call and the shard; call from the handler, before it returns. */
  void start() {
    observer.setOnCancelHandler(
        () -> {
          cancelled = true;
          signal();
        });
    observer.setOnReadyHandler(this::signal);
    shard.subscriptions().add(this);
    signal();
  }

  /** Something may have changed: records committed, the call became ready, or it must end. */
  void signal() {
    if (work.getAndIncrement() == 0) {
      try {
        executor.execute(this::drain);
      } catch (RejectedExecutionException e) {
        LOG.debug("subscription to {} not drained: the broker is stopping", shard.name());
        shard.subscriptions().remove(this);
      }
    }
  }

  /** Ends the subscription with {@code reason} (the shard was deleted or moved, the broker stops). */
  void terminate(TributaryException reason) {
    terminal = reason;
    signal();
  }

  /** Asks for an empty event carrying the lag if nothing was sent for {@code intervalNanos}. */
  void heartbeatIfIdle(long nowNanos, long intervalNanos) {
    if (nowNanos - lastEventNanos >= intervalNanos) {
      heartbeatDue = true;
      signal();
    }
  }

  private void drain() {
    int missed = 1;
    do {
      if (!done && !step()) {
        done = true;
        shard.subscriptions().remove(this);
      }
      missed = work.addAndGet(-missed);
    } while (missed != 0);
  }

  /** Sends what can be sent now; false once the subscription has ended. */
  private boolean step() {
    try {
      if (cancelled) {
        return false;
      }
      if (terminal != null) {
        fail(terminal);
        return false;
      }
      while (observer.isReady()) {
        if (shard.finishedAt(next)) {
          observer.onCompleted();
          return false;
        }
        long wait = quota.waitMillis();
        if (wait > 0) {
          wakeAfter(wait);
          return true;
        }
        ReadBatch batch =
            shard.log().read(next, Limits.MAX_GET_RECORDS, quota.allowance(maxEventBytes), shard.highWatermark());
        if (batch.count() == 0 && !heartbeatDue) {
          return true;
        }
        quota.charge(batch.records().size());
        send(batch);
        if (batch.count() == 0) {
          return true;
        }
      }
      return true;
    } catch (RuntimeException e) {
      TributaryException reason = terminal;
      if (reason == null && !(e instanceof TributaryException)) {
        LOG.error("subscription to {} failed", shard.name(), e);
      }
      fail(reason != null ? reason : e);
      return false;
    }
  }

  /** Signals the pump after {@code millis}, once: appends meanwhile must not stack up wake-ups. */
  private void wakeAfter(long millis) {
    if (!wakeScheduled.compareAndSet(false, true)) {
      return;
    }
    try {
      scheduler.schedule(
          () -> {
            wakeScheduled.set(false);
            signal();
          },
          millis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      LOG.debug("subscription of consumer '{}' to {} not woken: the broker is stopping", consumer, shard.name());
    }
  }

  /** Ends the call with {@code reason}; a call the client closed meanwhile needs no answer. */
  private void fail(Throwable reason) {
    try {
      observer.onError(GrpcErrors.toStatus(reason));
    } catch (IllegalStateException alreadyClosed) {
      LOG.debug("subscription to {} was closed before it could be failed with: {}", shard.name(), reason.getMessage());
    }
  }

  private void send(ReadBatch batch) {
    heartbeatDue = false;
    next = batch.nextSequenceNumber();
    observer.onNext(
        SubscribeEvent.newBuilder()
            .setRecords(batch.records())
            .setRecordCount(batch.count())
            .setContinuationSequenceNumber(next - 1)
            .setMillisBehindLatest(batch.millisBehindLatest(clock.millis()))
            .build());
    lastEventNanos = System.nanoTime();
    shard.metrics().pushed(batch.count(), batch.records().size());
  }
}
