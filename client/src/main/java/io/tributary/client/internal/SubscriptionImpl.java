package io.tributary.client.internal;

import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.tributary.client.Position;
import io.tributary.client.ReceivedRecord;
import io.tributary.client.Subscription;
import io.tributary.client.SubscriptionEvent;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.common.grpc.GrpcErrors;
import io.tributary.proto.v1.SubscribeEvent;
import io.tributary.proto.v1.SubscribeRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A push subscription: runs the Subscribe stream with client flow control (one more event is
 * requested only after the handler returned), and after a broker restart or a moved shard
 * subscribes again after the last delivered record, within the retry timeout. The handler runs on
 * the subscription's own thread, which also owns the connection state. Thread-safe. A slow handler
 * thus slows the broker down instead of filling memory.
 */
public final class SubscriptionImpl implements Subscription {
  private static final Logger LOG = LogManager.getLogger(SubscriptionImpl.class);
  private static final int INITIAL_EVENTS = 2;
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);

  private final ClientContext context;
  private final ShardCalls calls;
  private final String stream;
  private final String shardId;
  private final String consumerName;
  private final Consumer<SubscriptionEvent> handler;
  private final ScheduledExecutorService thread;
  private final CompletableFuture<Void> completion = new CompletableFuture<>();
  private volatile long continuation = -1;
  private volatile long millisBehindLatest;
  private volatile boolean closed;
  private volatile Attempt attempt;
  private volatile Thread worker;
  private Position resume;
  private ShardMap mapAtConnect;
  private String leader;
  private long failingSinceMillis = -1;
  private int failures;

  private SubscriptionImpl(ClientContext context, ShardCalls calls, String stream, String shardId, Position start,
      String consumerName, Consumer<SubscriptionEvent> handler) {
    this.context = context;
    this.calls = calls;
    this.stream = stream;
    this.shardId = shardId;
    this.consumerName = consumerName;
    this.resume = start;
    this.handler = handler;
    this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "tributary-subscription-" + stream + "-" + shardId);
      t.setDaemon(true);
      worker = t;
      return t;
    });
  }

  /**
   * Starts a subscription; {@code consumerName} names a registered consumer whose read quota it draws
   * on, or is empty for an anonymous one.
   */
  public static SubscriptionImpl start(ClientContext context, ShardCalls calls, String stream, String shardId,
      Position start, String consumerName, Consumer<SubscriptionEvent> handler) {
    SubscriptionImpl s = new SubscriptionImpl(context, calls, stream, shardId, start, consumerName, handler);
    s.thread.execute(s.guarded(s::connect));
    return s;
  }

  private void connect() {
    if (closed) {
      return;
    }
    try {
      mapAtConnect = context.maps().get(stream);
      leader = calls.leaderOf(stream, shardId);
    } catch (TributaryException e) {
      retryOrEnd(e);
      return;
    }
    Attempt a = new Attempt();
    attempt = a;
    SubscribeRequest request = SubscribeRequest.newBuilder()
        .setStream(stream)
        .setShardId(shardId)
        .setPosition(resume.toProto())
        .setConsumerName(consumerName)
        .build();
    try {
      context.brokers().streaming(leader).subscribe(request, a);
    } catch (RuntimeException e) {
      a.onError(e);
    }
  }

  private void handle(Attempt a, SubscribeEvent event) {
    if (closed || a != attempt) {
      return;
    }
    List<ReceivedRecord> records = RecordDecoder.decode(shardId, event.getRecords());
    long c = event.getContinuationSequenceNumber();
    if (!records.isEmpty()) {
      c = Math.max(c, records.get(records.size() - 1).sequenceNumber());
    }
    try {
      handler.accept(new SubscriptionEvent(records, c, event.getMillisBehindLatest()));
    } catch (RuntimeException e) {
      end(e);
      return;
    }
    continuation = c;
    resume = c >= 0 ? Position.afterSequence(c) : Position.trimHorizon();
    millisBehindLatest = event.getMillisBehindLatest();
    failingSinceMillis = -1;
    failures = 0;
    a.call.request(1);
  }

  private void ended(Attempt a, TributaryException error) {
    if (closed || a != attempt) {
      return;
    }
    attempt = null;
    if (error != null) {
      retryOrEnd(error);
      return;
    }
    // a broker ends the stream once a closed shard is delivered to its end; any other end is a
    // hand-over (e.g. a broker shutting down), after which reading goes on
    try {
      if (calls.closedNow(stream, shardId)) {
        end(null);
      } else {
        connect();
      }
    } catch (TributaryException e) {
      retryOrEnd(e);
    }
  }

  private void retryOrEnd(TributaryException error) {
    if (!error.retryable()) {
      end(error);
      return;
    }
    if (PutRecordsCall.movedShard(error.code()) && mapAtConnect != null) {
      context.maps().invalidate(stream, mapAtConnect);
    }
    if (error.code() == ErrorCode.UNAVAILABLE && leader != null) {
      context.brokers().reconnect(leader);
    }
    long now = context.clock().millis();
    if (failingSinceMillis < 0) {
      failingSinceMillis = now;
    }
    if (now - failingSinceMillis >= context.options().retryTimeout().toMillis()) {
      end(new TributaryException(error.code(), "subscription to shard '" + shardId + "' of stream '" + stream
          + "' kept failing for " + context.options().retryTimeout().toMillis() + " ms; last error "
          + error.describe(), error));
      return;
    }
    failures++;
    LOG.debug("subscription to {}/{} failed ({}); subscribing again", stream, shardId, error.describe());
    thread.schedule(guarded(this::connect), Retrier.backoffNanos(FIRST_BACKOFF, failures), TimeUnit.NANOSECONDS);
  }

  /** Runs a task of the subscription's thread; an unexpected error ends the subscription with it. */
  private Runnable guarded(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        end(e);
      }
    };
  }

  private void end(Throwable error) {
    closed = true;
    cancel();
    if (error == null) {
      completion.complete(null);
    } else {
      completion.completeExceptionally(error);
    }
    thread.shutdown();
  }

  private void cancel() {
    Attempt a = attempt;
    if (a != null && a.call != null) {
      a.call.cancel("subscription closed", null);
    }
  }

  @Override
  public long continuationSequenceNumber() {
    return continuation;
  }

  @Override
  public long millisBehindLatest() {
    return millisBehindLatest;
  }

  @Override
  public CompletableFuture<Void> completion() {
    return completion;
  }

  @Override
  public void close() {
    closed = true;
    cancel();
    completion.complete(null);
    thread.shutdown();
    if (Thread.currentThread() != worker) {
      awaitTermination(); // from the handler itself, the thread ends when the handler returns
    }
  }

  private void awaitTermination() {
    try {
      if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
        thread.shutdownNow();
      }
    } catch (InterruptedException e) {
      thread.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** One Subscribe call; its callbacks hop to the subscription's thread. */
  private final class Attempt implements ClientResponseObserver<SubscribeRequest, SubscribeEvent> {
    private volatile ClientCallStreamObserver<SubscribeRequest> call;

    @Override
    public void beforeStart(ClientCallStreamObserver<SubscribeRequest> requestStream) {
      call = requestStream;
      requestStream.disableAutoRequestWithInitial(INITIAL_EVENTS);
    }

    @Override
    public void onNext(SubscribeEvent event) {
      run(() -> handle(this, event));
    }

    @Override
    public void onError(Throwable t) {
      TributaryException error = GrpcErrors.fromGrpc(t);
      run(() -> ended(this, error));
    }

    @Override
    public void onCompleted() {
      run(() -> ended(this, null));
    }

    private void run(Runnable task) {
      try {
        thread.execute(guarded(task));
      } catch (RejectedExecutionException e) {
        LOG.trace("subscription to {}/{} already ended; dropping a late callback", stream, shardId, e);
      }
    }
  }
}
