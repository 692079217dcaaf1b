package io.tributary.gateway.kinesis;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.client.Position;
import io.tributary.client.Subscription;
import io.tributary.client.SubscriptionEvent;
import io.tributary.client.TributaryClient;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.common.stream.ShardIds;
import io.tributary.gateway.EventStream;
import io.tributary.gateway.wire.AwsErrors;
import io.tributary.gateway.wire.Codec;
import io.tributary.gateway.wire.GatewayException;
import io.tributary.proto.v1.ShardInfo;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * One SubscribeToShard: relays a native subscription's events as SubscribeToShardEvent messages for
 * at most {@link #LIFETIME} on the gateway's clock, as Kinesis does, after which the client subscribes
 * again from the last ContinuationSequenceNumber. Thread-safe: events arrive on the subscription's
 * thread, the lifetime check on the connection's event loop, the peer's departure on either.
 *
 * <p>Ends, exactly once, in one of four ways: the lifetime runs out (the stream just ends); the peer
 * goes away (the subscription is closed); the shard was closed and read to its end (a last event with
 * ChildShards and no continuation, which is how Kinesis consumers recognise a shard's end); or the
 * subscription fails, e.g. because a newer subscription of the same consumer took the shard over
 * (an exception event: ResourceInUseException).
 */
final class ShardRelay {
  static final Duration LIFETIME = Duration.ofMinutes(5);
  private static final Logger LOG = LogManager.getLogger(ShardRelay.class);
  private static final Duration TICK = Duration.ofSeconds(1);
  private static final String EVENT = "SubscribeToShardEvent";

  private final TributaryClient client;
  private final String stream;
  private final String shardId;
  private final int shardIndex;
  private final String streamUid;
  private final EventStream out;
  private final Clock clock;
  private final AtomicBoolean finished = new AtomicBoolean();
  private volatile Subscription subscription;
  private long deadlineMillis;

  ShardRelay(TributaryClient client, String stream, String shardId, String streamUid, EventStream out, Clock clock) {
    this.client = client;
    this.stream = stream;
    this.shardId = shardId;
    this.shardIndex = ShardIds.index(shardId);
    this.streamUid = streamUid;
    this.out = out;
    this.clock = clock;
  }

  /** Opens the event stream and subscribes; returns at once. */
  void start(Position position, String consumerName) {
    deadlineMillis = clock.millis() + LIFETIME.toMillis();
    out.open();
    Subscription s = client.subscribeEvents(stream, shardId, position, consumerName, this::relay);
    subscription = s;
    if (finished.get()) {
      closeSubscription(); // the peer left while the first events were being relayed
      return;
    }
    s.completion().whenComplete((done, error) -> ended(error));
    out.onClosed(this::peerGone);
    out.every(TICK, this::checkLifetime);
  }

  /** On the subscription's thread; blocks while the peer is slow, which holds the subscription back. */
  private void relay(SubscriptionEvent event) {
    if (finished.get()) {
      return;
    }
    ObjectNode payload = Codec.object();
    ShardJson.records(payload, event.records(), shardIndex, streamUid);
    payload.put("ContinuationSequenceNumber",
        SequenceNumbers.encode(event.continuationSequenceNumber(), shardIndex, streamUid));
    payload.put("MillisBehindLatest", event.millisBehindLatest());
    if (!out.send(EVENT, payload)) {
      peerGone();
    }
  }

  private void ended(Throwable error) {
    if (!finished.compareAndSet(false, true)) {
      return;
    }
    if (error != null) {
      out.fail(eventStreamError(error));
      return;
    }
    try {
      ObjectNode last = Codec.object();
      last.putArray("Records");
      last.put("MillisBehindLatest", 0);
      ShardJson.childShards(last, children());
      out.send(EVENT, last);
      out.end();
    } catch (TributaryException e) {
      out.fail(eventStreamError(e));
    }
  }

  private List<ShardInfo> children() {
    return client.describeStream(stream, false).getShardsList().stream()
        .filter(s -> s.getParentShardIdsList().contains(shardId))
        .toList();
  }

  private void checkLifetime() {
    if (clock.millis() >= deadlineMillis && finished.compareAndSet(false, true)) {
      out.end();
      closeSubscription();
    }
  }

  private void peerGone() {
    if (finished.compareAndSet(false, true)) {
      out.end();
      closeSubscription();
    }
  }

  /** Off the caller's thread: closing waits for the subscription's thread, and callers include event loops. */
  private void closeSubscription() {
    Subscription s = subscription;
    if (s != null) {
      CompletableFuture.runAsync(s::close).exceptionally(e -> {
        LOG.warn("closing the subscription to {}/{} failed", stream, shardId, e);
        return null;
      });
    }
  }

  /** Event streams carry only the exceptions the SubscribeToShard model declares. */
  private GatewayException eventStreamError(Throwable error) {
    if (error instanceof TributaryException e) {
      GatewayException aws = AwsErrors.fromNative(e);
      if (e.code() == ErrorCode.RESOURCE_IN_USE || e.code() == ErrorCode.RESOURCE_NOT_FOUND) {
        return aws;
      }
      return new GatewayException("InternalFailureException", 500, aws.getMessage());
    }
    LOG.error("subscription to {}/{} failed unexpectedly", stream, shardId, error);
    return new GatewayException("InternalFailureException", 500, "the subscription to " + shardId + " of stream '"
        + stream + "' failed (" + error + "); subscribe again");
  }
}
