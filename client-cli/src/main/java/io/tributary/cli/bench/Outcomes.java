package io.tributary.cli.bench;

import io.tributary.client.PutResult;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.common.grpc.GrpcErrors;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Acknowledgements and failures of a benchmark's records, counted from the producers' callback
 * threads, with send-to-ack latency. Thread-safe.
 */
final class Outcomes {
  private final LongAdder acknowledged = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final AtomicReference<TributaryException> firstError = new AtomicReference<>();
  private final LatencyStats latency = new LatencyStats();
  private volatile boolean stop;

  /** Called once per record when its future completes. */
  void complete(long sentNanos, PutResult result, Throwable error) {
    if (error == null && result.succeeded()) {
      latency.record(System.nanoTime() - sentNanos);
      acknowledged.increment();
      return;
    }
    TributaryException e = error != null
        ? GrpcErrors.fromGrpc(error instanceof CompletionException ce ? ce.getCause() : error)
        : new TributaryException(result.error(), result.errorMessage());
    failed.increment();
    abort(e);
  }

  /** Stops the run with {@code e} as its outcome unless an earlier failure was recorded. */
  void abort(TributaryException e) {
    firstError.compareAndSet(null, e);
    stop = true;
  }

  void stop() {
    stop = true;
  }

  boolean stopped() {
    return stop;
  }

  long acknowledged() {
    return acknowledged.sum();
  }

  LatencyStats latency() {
    return latency;
  }

  /** Throws the first failure, with how many records failed, if any did. */
  void throwIfFailed(long total) {
    TributaryException e = firstError.get();
    if (e == null) {
      return;
    }
    long n = failed.sum();
    if (n == 0) {
      throw e;
    }
    throw new TributaryException(e.code(), n + " of " + total + " records failed; the first: " + e.getMessage(), e);
  }

  static TributaryException stalled(long seconds) {
    return new TributaryException(ErrorCode.UNAVAILABLE,
        "no record was acknowledged for " + seconds + "s; check the cluster with 'trib cluster status'");
  }
}
