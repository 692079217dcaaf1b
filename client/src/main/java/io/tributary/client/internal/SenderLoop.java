package io.tributary.client.internal;

import io.tributary.client.ProducerOptions;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.proto.v1.PutRecordsRequest;
import io.tributary.proto.v1.ShardPutResult;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A producer's sender: takes records from the inbox, routes them to per-shard queues, sends a
 * broker's ready shards in shared requests (one request in flight per shard, many shards and
 * brokers at once), and retries or fails what the brokers refused. Its state is confined to its own
 * thread; answers and map refreshes come back as events. One thread owning all routing and retry
 * state keeps per-shard order without locks on the hot path.
 */
final class SenderLoop implements Runnable {
  private static final Logger LOG = LogManager.getLogger(SenderLoop.class);
  private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  private static final long SWEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final String stream;
  private final ProducerOptions options;
  private final Clock clock;
  private final BrokerStubs brokers;
  private final ProducerInbox inbox;
  private final Queue<Object> events = new ConcurrentLinkedQueue<>();
  private final AtomicInteger flushing = new AtomicInteger();
  private final long lingerNanos;
  private final long maxBytes;
  private final ShardRouter router;
  private final Set<PutBatch> inFlight = Collections.newSetFromMap(new IdentityHashMap<>());
  private volatile Thread runner;
  private volatile boolean stopping;
  private final MapRefresher refresher;
  /** Null when the producer is not idempotent. */
  private final ProducerId producerId;
  private ArrayList<Object> spare = new ArrayList<>();
  private long lastSweep;

  SenderLoop(String stream, ProducerOptions options, Clock clock, ShardMaps maps, BrokerStubs brokers) {
    this.stream = stream;
    this.options = options;
    this.clock = clock;
    this.brokers = brokers;
    this.lingerNanos = options.linger().toNanos();
    this.maxBytes = options.maxBatchBytes();
    this.inbox = new ProducerInbox(options.maxBufferedRecords(), options.maxBatchRecords(), this::wake);
    long now = System.nanoTime();
    this.router = new ShardRouter(maps.get(stream), now);
    this.refresher = new MapRefresher(stream, maps, options.retryBackoff(), this::post, now);
    this.lastSweep = now;
    this.producerId = options.idempotent() ? new ProducerId() : null;
  }

  ProducerInbox inbox() {
    return inbox;
  }

  boolean isSenderThread() {
    return Thread.currentThread() == runner;
  }

  void wake() {
    Thread t = runner;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }

  /** Asks the loop to end; records still queued then fail. */
  void stop() {
    stopping = true;
    wake();
  }

  @Override
  public void run() {
    runner = Thread.currentThread();
    try {
      while (!stopping) {
        step();
      }
    } catch (RuntimeException e) {
      LOG.error("the producer of stream '{}' stopped on an unexpected error; failing its records", stream, e);
      failEverything(new TributaryException(ErrorCode.INTERNAL, "the producer stopped on an unexpected error: " + e, e));
    } finally {
      failEverything(new TributaryException(
          ErrorCode.UNAVAILABLE, "the producer was closed before the record was acknowledged"));
    }
  }

  private void step() {
    long now = System.nanoTime();
    intake(now);
    processEvents(now);
    refresher.maybeStart(now);
    if (now - lastSweep >= SWEEP_NANOS) {
      sweep();
      lastSweep = now;
    }
    long wakeAt = sendReady(now);
    long wait = wakeAt - System.nanoTime();
    if (wait > 0 && events.isEmpty() && inbox.isEmpty() && !stopping) {
      LockSupport.parkNanos(this, wait);
    }
  }

  private void intake(long now) {
    ArrayList<Object> items = inbox.swap(spare);
    if (!items.isEmpty()) {
      long deadline = clock.millis() + options.deliveryTimeout().toMillis();
      for (Object item : items) {
        if (item instanceof PendingRecord r) {
          r.deadlineMillis = deadline;
          needMap(!router.route(r, now, false));
        } else {
          @SuppressWarnings("unchecked")
          CompletableFuture<Void> marker = (CompletableFuture<Void>) item;
          flushMarker(marker);
        }
      }
      items.clear();
    }
    spare = items;
  }

  private void processEvents(long now) {
    Object e;
    while ((e = events.poll()) != null) {
      if (e instanceof PutBatch b) {
        completed(b, now);
      } else {
        refreshed((MapRefresher.Loaded) e, now);
      }
    }
  }

  private void completed(PutBatch b, long now) {
    inFlight.remove(b);
    TributaryException error = b.error();
    if (error != null && error.code() == ErrorCode.UNAVAILABLE) {
      brokers.reconnect(b.address);
    }
    boolean allAccepted = true;
    for (int p = 0; p < b.queues.length; p++) {
      ShardQueue q = b.queues[p];
      q.inFlight = false;
      PendingRecord[] records = b.records[p];
      int accepted = b.accepted(p);
      if (error != null || accepted < records.length) {
        allAccepted = false;
        failed(q, records, accepted, error != null ? error : shardError(b.result(p), q), now);
      } else {
        q.attempts = 0;
        q.lastError = null;
      }
    }
    if (allAccepted) {
      refresher.healthy();
    }
  }

  private static TributaryException shardError(ShardPutResult r, ShardQueue q) {
    if (r == null || !r.hasError()) {
      return new TributaryException(
          ErrorCode.INTERNAL, "the broker answered without a result for shard '" + q.shardId + "'");
    }
    return new TributaryException(ErrorCode.fromShortName(r.getError().getCode()), r.getError().getMessage());
  }

  /** Records [from, n) of a request were not written: retries them in order, or fails them. */
  private void failed(ShardQueue q, PendingRecord[] records, int from, TributaryException error, long now) {
    ErrorCode code = error.code();
    if (!ShardFailures.retriesWrite(code)) {
      inbox.release(records.length - from);
      for (int k = from; k < records.length; k++) {
        records[k].completeExceptionally(error);
      }
      renewIfGap(records[from]);
      return;
    }
    if (PutRecordsCall.movedShard(code)) {
      refresher.want();
      q.awaitingMap = true;
    }
    // a shard that took part of the batch is making progress: back off, but do not escalate
    q.attempts = from > 0 ? 1 : q.attempts + 1;
    q.lastError = error;
    q.notBeforeNanos = now + Retrier.backoffNanos(options.retryBackoff(), q.attempts);
    long nowMillis = clock.millis();
    int expired = 0;
    TributaryException gaveUp = null;
    for (int k = records.length - 1; k >= from; k--) {
      PendingRecord r = records[k];
      if (r.deadlineMillis - nowMillis <= 0) {
        gaveUp = gaveUp != null ? gaveUp : expiredError(error);
        r.completeExceptionally(gaveUp);
        expired++;
        renewIfGap(r);
      } else if (q.retired) {
        needMap(!router.route(r, now, true));
      } else {
        q.addFirst(r, now);
      }
    }
    inbox.release(expired);
  }

  private TributaryException expiredError(TributaryException last) {
    String why = last == null ? "it could not be sent" : "last error " + last.describe();
    return new TributaryException(
        last == null ? ErrorCode.UNAVAILABLE : last.code(),
        "record not acknowledged within the delivery timeout of " + options.deliveryTimeout().toMillis() + " ms; "
            + why,
        last);
  }

  private void needMap(boolean needed) {
    if (needed) {
      refresher.want();
    }
  }

  private void refreshed(MapRefresher.Loaded loaded, long now) {
    refresher.finished(now);
    if (loaded.error() == null) {
      needMap(!router.apply(loaded.map(), now));
    } else if (loaded.error().code() == ErrorCode.RESOURCE_NOT_FOUND) {
      failQueued(loaded.error()); // the stream is gone
    } else {
      LOG.debug("reloading the shard map of stream '{}' failed: {}", stream, loaded.error().describe());
      router.stopAwaitingMap();
      refresher.want();
    }
  }

  /** Fails records whose delivery time ran out while they waited (no leader, back-off, no map). */
  private void sweep() {
    long nowMillis = clock.millis();
    int expired = router.expire(nowMillis, q -> expiredError(q == null ? null : q.lastError), this::renewIfGap);
    inbox.release(expired);
  }

  /**
   * A record numbered under the current id failed without an answer saying whether they were
   * written: the records after them could never follow without a gap, so numbering starts over
   * under a new id. Requests still in flight keep their old id; a retry of theirs is renumbered.
   */
  private void renewIfGap(PendingRecord given) {
    if (producerId != null && given.numberedIn != null && given.numberedUnder == producerId.current()) {
      producerId.renew();
      LOG.info("the producer of stream '{}' gave up records of shard '{}' whose outcome is unknown; "
          + "it numbers its records anew under another producer id", stream, given.numberedIn.shardId);
    }
  }

  /** Sends every broker's ready shards; returns when the loop must look again (System.nanoTime). */
  private long sendReady(long now) {
    long wake = now + IDLE_NANOS;
    boolean urgent = flushing.get() > 0;
    for (Map.Entry<String, ArrayList<ShardQueue>> group : router.groups().entrySet()) {
      boolean ready = false;
      for (ShardQueue q : group.getValue()) {
        if (q.isEmpty() || q.inFlight || q.awaitingMap || q.held()) {
          continue;
        }
        if (now - q.notBeforeNanos < 0) {
          wake = earlier(wake, q.notBeforeNanos);
        } else if (urgent || q.size() >= options.maxBatchRecords() || q.bytes() >= maxBytes
            || now - q.firstNanos() >= lingerNanos) {
          ready = true;
        } else {
          wake = earlier(wake, q.firstNanos() + lingerNanos);
        }
      }
      if (ready) {
        send(group.getKey(), group.getValue(), now);
      }
    }
    needMap(router.needsMap());
    return refresher.wakeAt(wake);
  }

  private void send(String address, ArrayList<ShardQueue> shards, long now) {
    BatchBuilder b = null;
    for (ShardQueue q : shards) {
      if (!q.sendable(now)) {
        continue;
      }
      if (b != null && !b.fits(q)) {
        dispatch(address, b);
        b = null;
      }
      if (b == null) {
        b = new BatchBuilder(
            stream, options.acks(), producerId == null ? 0 : producerId.current(), options.maxBatchRecords(), maxBytes);
      }
      b.take(q);
      if (b.isFull()) {
        dispatch(address, b);
        b = null;
      }
    }
    if (b != null && !b.isEmpty()) {
      dispatch(address, b);
    }
  }

  private void dispatch(String address, BatchBuilder b) {
    PutRecordsRequest request = b.request();
    PutBatch batch = b.batch(address, inbox, this::post);
    inFlight.add(batch);
    try {
      brokers.async(address).putRecords(request, batch);
    } catch (RuntimeException e) {
      batch.onError(e);
    }
  }

  private void post(Object event) {
    events.add(event);
    wake();
  }

  private void flushMarker(CompletableFuture<Void> marker) {
    ArrayList<CompletableFuture<?>> pending = new ArrayList<>();
    router.collect(pending);
    for (PutBatch b : inFlight) {
      for (PendingRecord[] records : b.records) {
        Collections.addAll(pending, records);
      }
    }
    if (pending.isEmpty()) {
      marker.complete(null);
      return;
    }
    flushing.incrementAndGet();
    CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).whenComplete((v, e) -> {
      flushing.decrementAndGet();
      marker.complete(null);
    });
  }

  private void failQueued(TributaryException error) {
    inbox.release(router.failAll(error));
  }

  private void failEverything(TributaryException error) {
    failQueued(error);
    for (PutBatch b : inFlight) {
      for (PendingRecord[] records : b.records) {
        for (PendingRecord r : records) {
          r.completeExceptionally(error);
        }
      }
    }
    inFlight.clear();
    Object e;
    while ((e = events.poll()) != null) {
      LOG.trace("dropping event {} of a stopped producer", e);
    }
    ArrayList<Object> left = inbox.swap(new ArrayList<>());
    for (Object item : left) {
      ((CompletableFuture<?>) item).completeExceptionally(error);
    }
  }

  private static long earlier(long a, long b) {
    return a - b <= 0 ? a : b;
  }
}
