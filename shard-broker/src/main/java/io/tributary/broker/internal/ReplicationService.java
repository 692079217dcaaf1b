package io.tributary.broker.internal;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.Errors;
import io.tributary.common.error.TributaryException;
import io.tributary.common.grpc.GrpcErrors;
import io.tributary.proto.v1.FetchRequest;
import io.tributary.proto.v1.FetchResponse;
import io.tributary.proto.v1.ReplicationGrpc;
import io.tributary.proto.v1.ShardFetch;
import io.tributary.proto.v1.ShardFetched;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The Replication gRPC service: serves followers' fetches from the shards this broker leads. A fetch
 * that finds nothing new is parked, not blocked: it is answered from a small pool when one of its
 * shards gets an append or a high watermark move, or when its wait ends on the scheduler.
 * Thread-safe.
 */
final class ReplicationService extends ReplicationGrpc.ReplicationImplBase {
  private static final Logger LOG = LogManager.getLogger(ReplicationService.class);
  private static final int MAX_WAIT_MILLIS = 30_000;

  private final ShardRegistry registry;
  private final Executor executor;
  private final ScheduledExecutorService scheduler;

  ReplicationService(ShardRegistry registry, Executor executor, ScheduledExecutorService scheduler) {
    this.registry = registry;
    this.executor = executor;
    this.scheduler = scheduler;
  }

  @Override
  public void fetch(FetchRequest request, StreamObserver<FetchResponse> observer) {
    if (request.getMaxWaitMillis() < 0 || request.getMaxWaitMillis() > MAX_WAIT_MILLIS
        || request.getMaxBytesPerShard() <= 0) {
      throw Errors.invalid("fetch of broker " + request.getFollowerId() + " asks to wait "
          + request.getMaxWaitMillis() + " ms for up to " + request.getMaxBytesPerShard()
          + " bytes per shard; use 0 to " + MAX_WAIT_MILLIS + " ms and a positive size");
    }
    List<LedShard> led = new ArrayList<>(request.getShardsCount());
    FetchResponse answer = serve(request, led);
    if (request.getMaxWaitMillis() == 0 || led.isEmpty() || hasNews(answer)) {
      observer.onNext(answer);
      observer.onCompleted();
      return;
    }
    new Parked(request, (ServerCallStreamObserver<FetchResponse>) observer, led).park();
  }

  /** Fetches every listed shard; collects the ones led here into {@code led}. */
  private FetchResponse serve(FetchRequest request, List<LedShard> led) {
    FetchResponse.Builder response = FetchResponse.newBuilder();
    for (ShardFetch fetch : request.getShardsList()) {
      response.addShards(serve(request, fetch, led));
    }
    return response.build();
  }

  private ShardFetched serve(FetchRequest request, ShardFetch fetch, List<LedShard> led) {
    try {
      StreamState stream = registry.stream(fetch.getStream(), fetch.getStreamUid());
      String shardId = registry.shardId(stream, fetch.getShardId());
      LedShard shard = stream.led().get(shardId);
      if (shard == null) {
        throw Errors.notShardOwner(stream.name(), shardId, registry.brokerId());
      }
      if (fetch.getLeaderEpoch() > shard.leaderEpoch()) {
        throw deposed(shard, request.getFollowerId(), fetch.getLeaderEpoch());
      }
      if (led != null) {
        led.add(shard);
      }
      return shard.replica().fetch(request.getFollowerId(), fetch, request.getMaxBytesPerShard());
    } catch (TributaryException e) {
      return ShardFetched.newBuilder().setStream(fetch.getStream()).setShardId(fetch.getShardId())
          .setError(Writes.detail(e.code(), e.getMessage())).build();
    }
  }

  /** A follower knows a newer epoch: this broker was replaced as leader and must not take writes. */
  private static TributaryException deposed(LedShard shard, int follower, long epoch) {
    String message = "broker " + follower + " follows " + shard.name() + " under leader epoch " + epoch
        + ", newer than this broker's " + shard.leaderEpoch() + ": this broker no longer leads it; refresh the shard map";
    if (shard.fenced() == null) {
      LOG.warn("{}; refusing writes until ZooKeeper says who leads", message);
    }
    shard.fence(message);
    return new TributaryException(ErrorCode.STALE_EPOCH, message);
  }

  private static boolean hasNews(FetchResponse answer) {
    for (ShardFetched shard : answer.getShardsList()) {
      if (shard.getRecordCount() > 0 || shard.hasError() || shard.getDiverging() || shard.getOutOfRange()) {
        return true;
      }
    }
    return false;
  }

  /** A fetch waiting for news; answered exactly once. */
  private final class Parked {
    private final FetchRequest request;
    private final ServerCallStreamObserver<FetchResponse> observer;
    private final List<LedShard> shards;
    private final AtomicBoolean answered = new AtomicBoolean();
    private final Runnable wake = this::wake;
    private volatile ScheduledFuture<?> timeout;

    Parked(FetchRequest request, ServerCallStreamObserver<FetchResponse> observer, List<LedShard> shards) {
      this.request = request;
      this.observer = observer;
      this.shards = shards;
    }

    void park() {
      observer.setOnCancelHandler(this::cancelled);
      for (LedShard shard : shards) {
        shard.addFetchWaiter(wake);
      }
      try {
        timeout = scheduler.schedule(wake, request.getMaxWaitMillis(), TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException stopping) {
        wake();
        return;
      }
      // An append between the first look and the waiters' registration must not wait out the timeout.
      if (anyNews()) {
        wake();
      }
    }

    private boolean anyNews() {
      for (ShardFetch fetch : request.getShardsList()) {
        for (LedShard shard : shards) {
          if (shard.shardId().equals(fetch.getShardId()) && shard.stream().name().equals(fetch.getStream())
              && shard.replica().hasRecordsAfter(fetch.getFetchFrom())) {
            return true;
          }
        }
      }
      return false;
    }

    private void wake() {
      if (!finish()) {
        return;
      }
      try {
        executor.execute(this::answer);
      } catch (RejectedExecutionException stopping) {
        LOG.debug("fetch of broker {} not answered: this broker is stopping", request.getFollowerId());
        observer.onError(GrpcErrors.toStatus(
            Errors.unavailable("broker " + registry.brokerId() + " is stopping")));
      }
    }

    private void cancelled() {
      finish();
    }

    /** True for the one caller that ends the wait. */
    private boolean finish() {
      if (!answered.compareAndSet(false, true)) {
        return false;
      }
      for (LedShard shard : shards) {
        shard.removeFetchWaiter(wake);
      }
      ScheduledFuture<?> scheduled = timeout;
      if (scheduled != null) {
        scheduled.cancel(false);
      }
      return true;
    }

    private void answer() {
      if (observer.isCancelled()) {
        return;
      }
      try {
        observer.onNext(serve(request, null));
        observer.onCompleted();
      } catch (RuntimeException e) {
        LOG.debug("fetch of broker {} could not be answered: {}", request.getFollowerId(), e.getMessage());
      }
    }
  }
}
