package io.tributary.delivery.job;

import io.tributary.delivery.ErrorOutputType;
import io.tributary.delivery.destination.DeliveryBatch;
import io.tributary.delivery.destination.Destination;
import io.tributary.delivery.destination.RetryingDelivery;
import io.tributary.delivery.destination.RetryingDelivery.Delivered;
import io.tributary.delivery.destination.RetryingDelivery.GaveUp;
import io.tributary.delivery.destination.RetryingDelivery.Outcome;
import io.tributary.delivery.format.ErrorRecord;
import io.tributary.delivery.format.ErrorRecords;
import io.tributary.delivery.format.ObjectEncoder;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Delivers one subtask's committed batches, in order, on its own thread: encodes each, writes it
 * through {@link RetryingDelivery}, and when the destination refuses a batch past the retry
 * duration, writes its records to the error output as {@code DELIVERY_FAILED}. Error output is
 * never dropped: it is retried until delivered or the subtask closes. Thread-safe: the task thread
 * hands batches over and polls progress, the publisher thread delivers.
 *
 * <p>Delivery runs off the task thread so that a slow or failing destination holds back only
 * delivery, and the task thread keeps buffering and checkpointing until the backlog bound stops it.
 */
final class BatchPublisher implements AutoCloseable {
  private static final Logger LOG = LogManager.getLogger(BatchPublisher.class);
  /** How long one round of error output retries lasts before a warning and the next round. */
  private static final Duration ERROR_OUTPUT_ROUND = Duration.ofMinutes(5);
  private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(10);
  private static final long POLL_MILLIS = 200;

  private final Destination destination;
  private final Destination errorDestination;
  private final RetryingDelivery delivery;
  private final RetryingDelivery errorDelivery;
  private final ObjectEncoder encoder;
  private final boolean objectStore;
  private final ObjectKeys keys;
  private final DeliveryMetrics metrics;
  private final Clock clock;
  private final LinkedBlockingQueue<ClosedBatch> queue = new LinkedBlockingQueue<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger completed = new AtomicInteger();
  private final CountDownLatch stop = new CountDownLatch(1);
  private final Object progress = new Object();
  private final Thread thread;
  private volatile Throwable failure;

  BatchPublisher(Destination destination, Destination errorDestination, boolean objectStore, ObjectEncoder encoder,
      ObjectKeys keys, DeliveryMetrics metrics, Clock clock, Duration retryDuration, String threadName) {
    this.destination = destination;
    this.errorDestination = errorDestination;
    this.objectStore = objectStore;
    this.encoder = encoder;
    this.keys = keys;
    this.metrics = metrics;
    this.clock = clock;
    RetryingDelivery.Sleeper sleeper = d -> stop.await(d.toMillis(), TimeUnit.MILLISECONDS);
    this.delivery = new RetryingDelivery(destination, retryDuration, clock, sleeper);
    this.errorDelivery = new RetryingDelivery(errorDestination, ERROR_OUTPUT_ROUND, clock, sleeper);
    this.thread = new Thread(this::run, threadName);
    thread.setDaemon(true);
    thread.start();
  }

  /** Queues a committed batch; called by the task thread. */
  void hand(ClosedBatch batch) {
    inFlight.incrementAndGet();
    queue.add(batch);
  }

  /** Batches delivered (or sent to the error output) since the last call, in hand-over order. */
  int pollCompleted() {
    return completed.getAndSet(0);
  }

  /** Blocks the task thread, in bounded waits, until at most {@code max} handed batches are pending. */
  void awaitBacklogAtMost(int max) throws InterruptedException {
    while (inFlight.get() > max) {
      checkHealthy();
      synchronized (progress) {
        if (inFlight.get() > max) {
          progress.wait(POLL_MILLIS);
        }
      }
    }
    checkHealthy();
  }

  /** Fails the task when the publisher thread failed, so the job restarts from its checkpoint. */
  void checkHealthy() {
    Throwable t = failure;
    if (t != null) {
      throw new IllegalStateException("delivery to " + destination.describe() + " stopped: " + t
          + "; the job restarts from its latest checkpoint and delivers the batches again", t);
    }
  }

  @Override
  public void close() throws Exception {
    stop.countDown();
    thread.join(JOIN_TIMEOUT.toMillis());
    if (thread.isAlive()) {
      LOG.warn("delivery publisher {} still runs {} s after close, in a call to {}; closing the destination under"
          + " it", thread.getName(), JOIN_TIMEOUT.toSeconds(), destination.describe());
    }
    Exception first = null;
    for (Destination d : List.of(destination, errorDestination)) {
      try {
        d.close();
      } catch (Exception e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private boolean stopped() {
    return stop.getCount() == 0;
  }

  private void run() {
    try {
      while (!stopped()) {
        ClosedBatch batch = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (batch != null && !(batch.errorOutput() ? deliverErrorOutput(errorBatch(batch)) : deliverData(batch))) {
          return;
        }
        if (batch != null) {
          completed.incrementAndGet();
          inFlight.decrementAndGet();
          synchronized (progress) {
            progress.notifyAll();
          }
        }
      }
    } catch (InterruptedException e) {
      if (!stopped()) {
        failure = e;
      }
    } catch (RuntimeException | Error e) {
      failure = e;
    }
  }

  /** Delivers a data batch or its records to the error output; false when stopped first. */
  private boolean deliverData(ClosedBatch batch) {
    DeliveryBatch request;
    try {
      request = toRequest(batch);
    } catch (RuntimeException e) {
      return deliverFailed(batch, 0, "the batch could not be encoded: " + e);
    }
    Outcome outcome = delivery.deliver(request, this::stopped, metrics.deliveryFailures::inc);
    if (outcome instanceof Delivered) {
      metrics.recordsDelivered.inc(batch.records().size());
      metrics.bytesDelivered.inc(request.deliveredBytes());
      metrics.objectsDelivered.inc();
      return true;
    }
    if (outcome instanceof GaveUp gaveUp) {
      LOG.warn("{} refused batch {} ({} records) for the retry duration, {} attempts; its records go to the error"
          + " output: {}", destination.describe(), batch.key(), batch.records().size(), gaveUp.attempts(),
          gaveUp.lastError());
      return deliverFailed(batch, gaveUp.attempts(), gaveUp.lastError());
    }
    return false;
  }

  private DeliveryBatch toRequest(ClosedBatch batch) {
    int n = batch.records().size();
    return objectStore
        ? new DeliveryBatch(batch.key(), encoder.encode(batch.records()), List.of(), n, batch.rawBytes(),
            batch.oldestArrivalMillis())
        : new DeliveryBatch(batch.key(), null, batch.records(), n, batch.rawBytes(), batch.oldestArrivalMillis());
  }

  private boolean deliverFailed(ClosedBatch batch, int attempts, String reason) {
    long now = clock.millis();
    List<byte[]> lines = new ArrayList<>(batch.records().size());
    for (int i = 0; i < batch.records().size(); i++) {
      lines.add(ErrorRecords.encode(new ErrorRecord(ErrorOutputType.DELIVERY_FAILED, "Delivery.Failed", reason,
          batch.records().get(i), batch.arrivals()[i], attempts, now, keys.deliveryStream())));
    }
    boolean delivered = deliverErrorOutput(objectOf(keys.deliveryFailedKey(batch), lines, batch));
    if (delivered) {
      metrics.recordsFailed.inc(lines.size());
    }
    return delivered;
  }

  private DeliveryBatch errorBatch(ClosedBatch batch) {
    return objectOf(batch.key(), batch.records(), batch);
  }

  private static DeliveryBatch objectOf(String key, List<byte[]> lines, ClosedBatch batch) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    lines.forEach(body::writeBytes);
    return new DeliveryBatch(key, body.toByteArray(), List.of(), lines.size(), batch.rawBytes(),
        batch.oldestArrivalMillis());
  }

  /** Retries error output without end; false only when the subtask closes first. */
  private boolean deliverErrorOutput(DeliveryBatch batch) {
    while (true) {
      Outcome outcome = errorDelivery.deliver(batch, this::stopped, metrics.deliveryFailures::inc);
      if (outcome instanceof Delivered) {
        return true;
      }
      if (!(outcome instanceof GaveUp gaveUp)) {
        return false;
      }
      LOG.warn("error output {} refused object {} for {} min ({} attempts), retrying: {}",
          errorDestination.describe(), batch.key(), ERROR_OUTPUT_ROUND.toMinutes(), gaveUp.attempts(),
          gaveUp.lastError());
    }
  }
}
