package io.tributary.broker.internal;

import io.grpc.stub.ServerCallStreamObserver;
import io.tributary.common.error.Errors;
import io.tributary.common.stream.Limits;
import io.tributary.proto.v1.SubscribeEvent;
import io.tributary.proto.v1.SubscribeRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * Starts push subscriptions and sends heartbeats to idle ones. Thread-safe.
 *
 * <p>Subscriptions do not draw on a shard's shared read quota: like enhanced fan-out, each gets its
 * own pipe, bounded by the client's flow control.
 */
final class Subscriptions {
  /** Event size when the client leaves it to the broker. */
  static final int DEFAULT_EVENT_BYTES = 1024 * 1024;

  private final ShardRegistry registry;
  private final Executor executor;
  private final Clock clock;
  private final long heartbeatNanos;

  Subscriptions(ShardRegistry registry, Executor executor, Clock clock, Duration heartbeatInterval) {
    this.registry = registry;
    this.executor = executor;
    this.clock = clock;
    this.heartbeatNanos = heartbeatInterval.toNanos();
  }

  void subscribe(SubscribeRequest request, ServerCallStreamObserver<SubscribeEvent> observer) {
    int maxEventBytes = request.getMaxEventBytes();
    if (maxEventBytes < 0 || maxEventBytes > Limits.MAX_GET_BYTES) {
      throw Errors.invalid(
          "max_event_bytes " + maxEventBytes + " is out of range; use 1 to " + Limits.MAX_GET_BYTES
              + ", or 0 for the broker's default");
    }
    StreamState stream = registry.stream(request.getStream());
    LedShard shard = registry.led(stream, request.getShardId());
    long start = StartingPositions.resolve(request.getPosition(), shard);
    new SubscriptionPump(shard, observer, executor, clock, start,
        maxEventBytes == 0 ? DEFAULT_EVENT_BYTES : maxEventBytes).start();
  }

  /** Run periodically: wakes subscriptions that have sent nothing for a heartbeat interval. */
  void heartbeat() {
    long now = System.nanoTime();
    for (StreamState stream : registry.streams()) {
      for (LedShard shard : stream.led().values()) {
        for (SubscriptionPump subscription : shard.subscriptions()) {
          subscription.heartbeatIfIdle(now, heartbeatNanos);
        }
      }
    }
  }
}
