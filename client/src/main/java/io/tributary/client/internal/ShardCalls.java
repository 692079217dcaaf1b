package io.tributary.client.internal;

import io.tributary.client.Position;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.Errors;
import io.tributary.common.error.TributaryException;
import io.tributary.common.grpc.GrpcErrors;
import io.tributary.proto.v1.GetRecordsRequest;
import io.tributary.proto.v1.GetRecordsResponse;
import io.tributary.proto.v1.GetShardIteratorRequest;
import io.tributary.proto.v1.ShardDataGrpc.ShardDataBlockingStub;
import io.tributary.proto.v1.ShardInfo;
import io.tributary.proto.v1.ShardState;
import java.util.Optional;
import java.util.function.Function;

/**
 * Read calls addressed to a shard's current leader broker: finds the leader in the shard map,
 * makes the call with the request deadline, and drops the map when the broker says it moved.
 * Thread-safe. One place decides where a shard's reads go.
 */
public final class ShardCalls {
  private final ClientContext context;

  public ShardCalls(ClientContext context) {
    this.context = context;
  }

  /** One GetShardIterator attempt. */
  public String iteratorOnce(String stream, String shardId, Position position) {
    GetShardIteratorRequest request = GetShardIteratorRequest.newBuilder()
        .setStream(stream)
        .setShardId(shardId)
        .setPosition(position.toProto())
        .build();
    return once(stream, shardId, stub -> stub.getShardIterator(request).getShardIterator());
  }

  /** One GetRecords attempt. */
  public GetRecordsResponse recordsOnce(String stream, String shardId, String iterator, int limit) {
    GetRecordsRequest request = GetRecordsRequest.newBuilder().setShardIterator(iterator).setLimit(limit).build();
    return once(stream, shardId, stub -> stub.getRecords(request));
  }

  /** Repeats {@code call} on retryable failures (moved shard, unreachable broker, throttling) within the retry timeout. */
  public <T> T withRetries(Function<ShardCalls, T> call) {
    Retrier retrier = context.retrier();
    while (true) {
      try {
        return call.apply(this);
      } catch (TributaryException e) {
        if (!e.retryable()) {
          throw e;
        }
        if (!retrier.backOff()) {
          throw retrier.gaveUp(e);
        }
      }
    }
  }

  /** Fails with ResourceNotFound unless the stream has the shard (open or closed). */
  public void requireShard(String stream, String shardId) {
    ShardMap map = context.maps().get(stream);
    if (map.shard(shardId).isEmpty() && context.maps().refresh(stream).shard(shardId).isEmpty()) {
      throw Errors.shardNotFound(stream, shardId);
    }
  }

  /** Whether the shard is closed, according to a freshly loaded map. */
  public boolean closedNow(String stream, String shardId) {
    return context.maps().refresh(stream).shard(shardId)
        .map(s -> s.getState() == ShardState.CLOSED)
        .orElse(true);
  }

  /** The address of the shard's leader broker. */
  public String leaderOf(String stream, String shardId) {
    return leader(stream, shardId, context.maps().get(stream));
  }

  private <T> T once(String stream, String shardId, Function<ShardDataBlockingStub, T> call) {
    ShardMap map = context.maps().get(stream);
    String leader = leader(stream, shardId, map);
    try {
      return call.apply(context.brokers().blocking(leader));
    } catch (RuntimeException e) {
      TributaryException te = GrpcErrors.fromGrpc(e);
      if (te.code() == ErrorCode.RESOURCE_NOT_FOUND) {
        te = notServedYet(stream, shardId, leader, te);
      }
      if (PutRecordsCall.movedShard(te.code())) {
        context.maps().invalidate(stream, map);
      }
      if (te.code() == ErrorCode.UNAVAILABLE) {
        context.brokers().reconnect(leader);
      }
      throw te;
    }
  }

  /**
   * A broker that does not know the shard may not have taken it over yet: unless the coordinators
   * say the shard does not exist (then that error is thrown), this is a retryable Unavailable.
   */
  private TributaryException notServedYet(String stream, String shardId, String leader, TributaryException said) {
    if (context.maps().refresh(stream).shard(shardId).isEmpty()) {
      return Errors.shardNotFound(stream, shardId);
    }
    return new TributaryException(
        ErrorCode.UNAVAILABLE,
        "broker " + leader + " does not serve shard '" + shardId + "' of stream '" + stream + "' yet ("
            + said.getMessage() + "); retry",
        said);
  }

  private String leader(String stream, String shardId, ShardMap map) {
    Optional<ShardInfo> shard = map.shard(shardId);
    if (shard.isEmpty()) {
      shard = context.maps().refresh(stream).shard(shardId);
    }
    if (shard.isEmpty()) {
      throw Errors.shardNotFound(stream, shardId);
    }
    String leader = shard.get().getLeaderAddress();
    if (leader.isEmpty()) {
      context.maps().invalidate(stream, map);
      throw new TributaryException(
          ErrorCode.UNAVAILABLE, "shard '" + shardId + "' of stream '" + stream + "' has no live leader broker right now");
    }
    return leader;
  }
}
