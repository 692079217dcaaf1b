package io.tributary.client.internal;

import io.tributary.common.error.TributaryException;
import io.tributary.common.grpc.GrpcErrors;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Decides when a producer reloads its shard map: on demand, one load at a time, spaced by a
 * back-off that grows while loads do not help and resets once requests succeed. The load runs on
 * the client's executor and comes back as an event. Confined to the producer's sender thread. A
 * broker outage must not turn every failed request into a coordinator call.
 */
final class MapRefresher {
  private final String stream;
  private final ShardMaps maps;
  private final Duration backoff;
  private final Consumer<Loaded> events;
  private boolean wanted;
  private boolean running;
  private long notBeforeNanos;
  private int attempts;

  /** A finished load: the new map, or the error that kept it. */
  record Loaded(ShardMap map, TributaryException error) {}

  MapRefresher(String stream, ShardMaps maps, Duration backoff, Consumer<Loaded> events, long nowNanos) {
    this.stream = stream;
    this.maps = maps;
    this.backoff = backoff;
    this.events = events;
    this.notBeforeNanos = nowNanos;
  }

  void want() {
    wanted = true;
  }

  /** Requests succeed again: the next load may follow quickly. */
  void healthy() {
    attempts = 0;
  }

  /** Starts a load if one is wanted, none runs and the back-off has passed. */
  void maybeStart(long nowNanos) {
    if (!wanted || running || nowNanos - notBeforeNanos < 0) {
      return;
    }
    wanted = false;
    running = true;
    try {
      maps.refreshAsync(stream).whenComplete((map, error) -> events.accept(new Loaded(map, unwrap(error))));
    } catch (RuntimeException e) {
      events.accept(new Loaded(null, GrpcErrors.fromGrpc(e)));
    }
  }

  /** Records that a load finished; the caller applies its map or handles its error. */
  void finished(long nowNanos) {
    running = false;
    attempts++;
    notBeforeNanos = nowNanos + Retrier.backoffNanos(backoff, attempts);
  }

  /** When the loop must wake to start a wanted load (System.nanoTime), or {@code otherwise}. */
  long wakeAt(long otherwise) {
    if (!wanted || running) {
      return otherwise;
    }
    return otherwise - notBeforeNanos <= 0 ? otherwise : notBeforeNanos;
  }

  private static TributaryException unwrap(Throwable error) {
    if (error == null) {
      return null;
    }
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    return GrpcErrors.fromGrpc(cause);
  }
}
