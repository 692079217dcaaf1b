package io.tributary.client.internal;

import io.tributary.client.Producer;
import io.tributary.client.ProducerOptions;
import io.tributary.client.PutRecord;
import io.tributary.client.PutResult;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.common.grpc.GrpcErrors;
import io.tributary.common.stream.HashKey;
import io.tributary.common.stream.StreamNames;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The producer a client hands out: checks and prepares each record on the sending thread, then
 * passes it to its sender thread through the inbox. Thread-safe. Hashing and entry building on the
 * callers' threads spread that work over every thread that sends.
 */
public final class ProducerImpl implements Producer {
  private static final AtomicInteger IDS = new AtomicInteger();
  private static final long JOIN_MILLIS = 10_000;

  private final SenderLoop loop;
  private final ProducerInbox inbox;
  private final Thread thread;
  private final long maxBlockNanos;
  private final long flushMillis;
  private final Consumer<? super ProducerImpl> onClose;
  private final AtomicBoolean closed = new AtomicBoolean();

  private ProducerImpl(SenderLoop loop, Thread thread, ProducerOptions options, ClientContext context,
      Consumer<? super ProducerImpl> onClose) {
    this.loop = loop;
    this.inbox = loop.inbox();
    this.thread = thread;
    this.maxBlockNanos = options.deliveryTimeout().toNanos();
    this.flushMillis = options.deliveryTimeout().toMillis() + context.options().requestTimeout().toMillis() + 1_000;
    this.onClose = onClose;
  }

  /**
   * Loads the stream's shard map (failing if the stream does not exist) and starts the sender.
   *
   * @param onClose run once when the producer closes
   */
  public static ProducerImpl start(String stream, ProducerOptions options, ClientContext context,
      Consumer<? super ProducerImpl> onClose) {
    StreamNames.validate(stream);
    SenderLoop loop = new SenderLoop(stream, options, context.clock(), context.maps(), context.brokers());
    Thread thread = new Thread(loop, "tributary-producer-" + stream + "-" + IDS.incrementAndGet());
    thread.setDaemon(true);
    ProducerImpl producer = new ProducerImpl(loop, thread, options, context, onClose);
    thread.start();
    return producer;
  }

  @Override
  public CompletableFuture<PutResult> send(String partitionKey, byte[] data) {
    return send(partitionKey, data, null);
  }

  @Override
  public CompletableFuture<PutResult> send(PutRecord record) {
    if (record == null) {
      return CompletableFuture.failedFuture(
          new TributaryException(ErrorCode.INVALID_ARGUMENT, "a record is null; pass a PutRecord"));
    }
    return send(record.partitionKey(), record.data(), record.explicitHashKey());
  }

  private CompletableFuture<PutResult> send(String partitionKey, byte[] data, String explicitHashKey) {
    PendingRecord record;
    try {
      int size = RecordChecks.check(partitionKey, data);
      HashKey key = PutRecordsCall.hashKey(partitionKey, explicitHashKey);
      record = new PendingRecord(PutRecordsCall.entry(partitionKey, data, explicitHashKey), key.high(), key.low(), size);
      // on the sender's own thread (a future's callback) waiting for room could only time out
      inbox.offer(record, loop.isSenderThread() ? 0 : maxBlockNanos);
    } catch (TributaryException e) {
      return CompletableFuture.failedFuture(e);
    }
    return record;
  }

  @Override
  public void flush() {
    if (loop.isSenderThread()) {
      throw new IllegalStateException(
          "flush() was called from a send future's callback, which runs on the producer's own thread; call it elsewhere");
    }
    CompletableFuture<Void> marker = new CompletableFuture<>();
    try {
      inbox.offerMarker(marker);
    } catch (TributaryException closedAlready) {
      return; // a closed producer has nothing left to flush
    }
    try {
      marker.get(flushMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new TributaryException(
          ErrorCode.UNAVAILABLE, "flush did not finish within " + flushMillis + " ms; records are still unacknowledged", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TributaryException(ErrorCode.UNAVAILABLE, "interrupted while flushing the producer", e);
    } catch (ExecutionException e) {
      throw GrpcErrors.fromGrpc(e.getCause());
    }
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      if (!loop.isSenderThread()) {
        flush();
      }
    } finally {
      inbox.close();
      loop.stop();
      join();
      onClose.accept(this);
    }
  }

  private void join() {
    if (loop.isSenderThread()) {
      return; // closed from a callback: the loop ends when that callback returns
    }
    try {
      thread.join(JOIN_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
