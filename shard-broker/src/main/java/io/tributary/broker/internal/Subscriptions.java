package io.tributary.broker.internal;

import io.grpc.stub.ServerCallStreamObserver;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.Errors;
import io.tributary.common.error.TributaryException;
import io.tributary.common.stream.Limits;
import io.tributary.proto.v1.SubscribeEvent;
import io.tributary.proto.v1.SubscribeRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Starts push subscriptions and sends heartbeats to idle ones. Thread-safe.
 *
 * <p>Anonymous subscriptions do not draw on any quota: each gets its own pipe, bounded by the
 * client's flow control. A registered consumer's subscription is paced by its own per-shard read
 * quota, and there is one per consumer and shard: a newer one takes over, as in enhanced fan-out.
 */
final class Subscriptions {
  /** Event size when the client leaves it to the broker. */
  static final int DEFAULT_EVENT_BYTES = 1024 * 1024;

  private final ShardRegistry registry;
  private final RegisteredConsumers consumers;
  private final Executor executor;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final long heartbeatNanos;

  Subscriptions(ShardRegistry registry, RegisteredConsumers consumers, Executor executor,
      ScheduledExecutorService scheduler, Clock clock, Duration heartbeatInterval) {
    this.registry = registry;
    this.consumers = consumers;
    this.executor = executor;
    this.scheduler = scheduler;
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
    String consumer = request.getConsumerName();
    if (!consumer.isEmpty()) {
      consumers.require(stream, consumer);
    }
    long start = StartingPositions.resolve(request.getPosition(), shard);
    int eventBytes = maxEventBytes == 0 ? DEFAULT_EVENT_BYTES : maxEventBytes;
    if (consumer.isEmpty()) {
      new SubscriptionPump(shard, observer, executor, clock, start, eventBytes).start();
      return;
    }
    SubscriptionPump pump = new SubscriptionPump(
        shard, observer, executor, clock, start, eventBytes, consumer,
        shard.subscriptions().consumerQuota(consumer), scheduler);
    SubscriptionPump older = shard.subscriptions().replaceConsumerSubscription(consumer, pump);
    if (older != null) {
      older.terminate(new TributaryException(
          ErrorCode.RESOURCE_IN_USE,
          "a newer subscription of consumer '" + consumer + "' to " + shard.name() + " took over; one subscription "
              + "per consumer and shard is served, so close the other one or use another consumer name"));
    }
    pump.start();
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
