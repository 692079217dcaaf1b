package io.tributary.cli.bench;

import io.tributary.client.PutResult;
import io.tributary.client.ReceivedRecord;
import io.tributary.common.error.TributaryException;
import io.tributary.common.grpc.GrpcErrors;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Records stamped with this run's id and their send time, and the latency of those that come back.
 * Thread-safe: records are made on the sending thread and received on the client's threads.
 * Send time is {@link System#nanoTime()}, valid because sender and receiver share this process.
 */
final class StampedRecords {
  static final int HEADER_BYTES = 24;
  private static final int MAGIC = 0x54524942;
  private static final int KEYS = 64;

  private final int size;
  private final long runId;
  private final String[] keys = new String[KEYS];
  private final LatencyStats latency = new LatencyStats();
  private final AtomicReference<TributaryException> firstError = new AtomicReference<>();
  private final Object arrivals = new Object();
  private long received;

  StampedRecords(int size) {
    SplittableRandom random = new SplittableRandom();
    this.size = size;
    this.runId = random.nextLong();
    for (int i = 0; i < KEYS; i++) {
      keys[i] = Long.toHexString(random.nextLong());
    }
  }

  String key(long index) {
    return keys[(int) (index % KEYS)];
  }

  /** A new record stamped now. */
  byte[] next(long index) {
    byte[] data = new byte[size];
    ByteBuffer.wrap(data).putInt(MAGIC).putLong(runId).putInt((int) index).putLong(System.nanoTime());
    return data;
  }

  /** Subscription handler: measures this run's records and ignores everything else. */
  void received(List<ReceivedRecord> records) {
    long now = System.nanoTime();
    int mine = 0;
    for (ReceivedRecord r : records) {
      ByteBuffer data = ByteBuffer.wrap(r.data());
      if (data.remaining() >= HEADER_BYTES && data.getInt() == MAGIC && data.getLong() == runId) {
        data.getInt();
        latency.record(now - data.getLong());
        mine++;
      }
    }
    if (mine > 0) {
      synchronized (arrivals) {
        received += mine;
        arrivals.notifyAll();
      }
    }
  }

  void acknowledged(PutResult result, Throwable error) {
    if (error != null) {
      firstError.compareAndSet(null, GrpcErrors.fromGrpc(error instanceof CompletionException ce ? ce.getCause() : error));
    } else if (!result.succeeded()) {
      firstError.compareAndSet(null, new TributaryException(result.error(), result.errorMessage()));
    }
  }

  void throwIfFailed() {
    TributaryException e = firstError.get();
    if (e != null) {
      throw e;
    }
  }

  long received() {
    synchronized (arrivals) {
      return received;
    }
  }

  /** Waits until {@code count} records came back or {@code wait} passed; true if they did. */
  boolean awaitReceived(long count, Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    synchronized (arrivals) {
      long left;
      while (received < count && (left = deadline - System.nanoTime()) > 0) {
        arrivals.wait(Math.max(1, left / 1_000_000));
      }
      return received >= count;
    }
  }

  LatencyStats latency() {
    return latency;
  }
}
