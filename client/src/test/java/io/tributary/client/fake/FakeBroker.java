package io.tributary.client.fake;

import com.google.protobuf.ByteString;
import io.grpc.Server;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.Errors;
import io.tributary.common.error.TributaryException;
import io.tributary.common.grpc.GrpcServers;
import io.tributary.proto.v1.ErrorDetail;
import io.tributary.proto.v1.GetRecordsRequest;
import io.tributary.proto.v1.GetRecordsResponse;
import io.tributary.proto.v1.GetShardIteratorRequest;
import io.tributary.proto.v1.GetShardIteratorResponse;
import io.tributary.proto.v1.PutRecordsRequest;
import io.tributary.proto.v1.PutRecordsResponse;
import io.tributary.proto.v1.Record;
import io.tributary.proto.v1.RecordBatch;
import io.tributary.proto.v1.ShardDataGrpc;
import io.tributary.proto.v1.ShardPut;
import io.tributary.proto.v1.ShardPutResult;
import io.tributary.proto.v1.StartingPosition;
import io.tributary.proto.v1.SubscribeEvent;
import io.tributary.proto.v1.SubscribeRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A broker on loopback gRPC that keeps shards in {@link FakeLogs} and misbehaves on demand:
 * throttles every Nth request, answers NotShardOwner once for a shard, fails the next requests,
 * holds answers until released, expires iterators. Thread-safe.
 */
public final class FakeBroker implements AutoCloseable {
  public final FakeLogs logs;
  public final Set<String> owned = ConcurrentHashMap.newKeySet();
  public final AtomicInteger putRequests = new AtomicInteger();
  public final AtomicInteger getRecordsCalls = new AtomicInteger();
  public final AtomicInteger iteratorCalls = new AtomicInteger();
  public final AtomicInteger subscribeCalls = new AtomicInteger();
  public final AtomicInteger eventsSent = new AtomicInteger();
  public final List<PutRecordsRequest> received = Collections.synchronizedList(new ArrayList<>());
  public final List<StartingPosition> iteratorPositions = Collections.synchronizedList(new ArrayList<>());
  public final List<StartingPosition> subscribePositions = Collections.synchronizedList(new ArrayList<>());
  public final List<String> subscribeConsumers = Collections.synchronizedList(new ArrayList<>());
  /** Every Nth PutRecords request answers ThroughputExceeded for all its shards (0: never). */
  public volatile int throttleEvery;
  /** When positive, each shard of a request accepts at most this many records; the rest are throttled. */
  public volatile int acceptAtMost;
  /** When set, answers wait for it (at most 30 s). */
  public volatile CountDownLatch gate;
  /** When not empty, only put requests touching one of these shards wait for the gate. */
  public final Set<String> gateOnly = ConcurrentHashMap.newKeySet();
  /** Only counts and acknowledges, storing nothing (for throughput checks). */
  public volatile boolean ackOnly;
  /** When positive, a subscription stream ends normally after this many events, open shard or not. */
  public volatile int completeAfterEvents;
  /**
   * How many of the next put requests lose their answer after being written, as when a connection
   * breaks: the client sees Unavailable.
   */
  public final AtomicInteger loseAnswers = new AtomicInteger();
  /** Forget remembered batches after each idempotent write, so duplicates are answered with -1. */
  public volatile boolean forgetBatches;
  /** Arrival times of appended records. */
  public volatile Clock clock = Clock.systemUTC();
  public final Set<String> notOwnerOnce = ConcurrentHashMap.newKeySet();
  public final Queue<TributaryException> failNext = new ConcurrentLinkedQueue<>();
  /**
   * Per-shard errors answered for the next shard writes, after writing them: a deposed leader whose
   * acks=all write timed out (written, outcome unknown to the producer).
   */
  public final Queue<ErrorCode> failAfterWrite = new ConcurrentLinkedQueue<>();
  public final AtomicInteger expireNextGetRecords = new AtomicInteger();
  /** Errors for the next GetShardIterator or GetRecords calls. */
  public final Queue<TributaryException> failNextRead = new ConcurrentLinkedQueue<>();
  public final AtomicInteger maxShardConcurrency = new AtomicInteger();
  public final AtomicInteger maxRequestConcurrency = new AtomicInteger();
  private final Map<String, AtomicInteger> shardConcurrency = new ConcurrentHashMap<>();
  private final AtomicInteger requestConcurrency = new AtomicInteger();
  private final AtomicInteger ackOnlySequence = new AtomicInteger();
  private final Server server;
  private volatile boolean running = true;

  private FakeBroker(FakeLogs logs, int port) {
    this.logs = logs;
    this.server = GrpcServers.start("127.0.0.1", port, List.of(new Service()));
  }

  public static FakeBroker start(FakeLogs logs) {
    return new FakeBroker(logs, 0);
  }

  public String address() {
    return "127.0.0.1:" + server.getPort();
  }

  public FakeBroker own(String... shardIds) {
    owned.addAll(List.of(shardIds));
    return this;
  }

  /** Stops at once, cutting open streams, as a crashed process would. */
  public void kill() {
    running = false;
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    kill();
  }

  private PutRecordsResponse put(PutRecordsRequest request) {
    int n = putRequests.incrementAndGet();
    if (!ackOnly) {
      received.add(request);
    }
    TributaryException failure = failNext.poll();
    if (failure != null) {
      throw failure;
    }
    boolean throttle = throttleEvery > 0 && n % throttleEvery == 0;
    maxRequestConcurrency.accumulateAndGet(requestConcurrency.incrementAndGet(), Math::max);
    for (ShardPut s : request.getShardsList()) {
      int c = shardConcurrency.computeIfAbsent(s.getShardId(), k -> new AtomicInteger()).incrementAndGet();
      maxShardConcurrency.accumulateAndGet(c, Math::max);
    }
    try {
      if (gateOnly.isEmpty() || request.getShardsList().stream().anyMatch(x -> gateOnly.contains(x.getShardId()))) {
        awaitGate();
      }
      PutRecordsResponse.Builder response = PutRecordsResponse.newBuilder();
      for (ShardPut s : request.getShardsList()) {
        ShardPutResult result = putShard(s, request.getProducerId(), throttle);
        ErrorCode after = failAfterWrite.poll();
        if (after != null) {
          result = ShardPutResult.newBuilder().setShardId(s.getShardId())
              .setError(error(after, "shard " + s.getShardId() + " wrote the records but answers " + after)).build();
        }
        response.addResults(result);
      }
      if (loseAnswers.getAndUpdate(v -> Math.max(0, v - 1)) > 0) {
        throw new TributaryException(ErrorCode.UNAVAILABLE, "the answer was lost on the way back");
      }
      return response.build();
    } finally {
      for (ShardPut s : request.getShardsList()) {
        shardConcurrency.get(s.getShardId()).decrementAndGet();
      }
      requestConcurrency.decrementAndGet();
    }
  }

  private ShardPutResult putShard(ShardPut s, long producerId, boolean throttle) {
    ShardPutResult.Builder r = ShardPutResult.newBuilder().setShardId(s.getShardId());
    if (ackOnly) {
      return r.setAccepted(s.getRecordsCount())
          .setFirstSequenceNumber(ackOnlySequence.getAndAdd(s.getRecordsCount()))
          .build();
    }
    if (!owned.contains(s.getShardId()) || notOwnerOnce.remove(s.getShardId())) {
      return r.setError(error(ErrorCode.NOT_SHARD_OWNER, "broker does not lead " + s.getShardId())).build();
    }
    if (throttle) {
      return r.setError(error(ErrorCode.THROUGHPUT_EXCEEDED, "shard " + s.getShardId() + " is over its limit")).build();
    }
    int limit = acceptAtMost;
    List<io.tributary.proto.v1.PutRecordsEntry> entries = s.getRecordsList();
    if (producerId != 0) {
      return idempotentPut(s, producerId, limit > 0 ? limit : entries.size(), r);
    }
    int accepted = limit > 0 ? Math.min(limit, entries.size()) : entries.size();
    long first = logs.log(s.getShardId()).append(entries.subList(0, accepted), clock.millis());
    if (first < 0) {
      return r.setError(error(ErrorCode.NOT_SHARD_OWNER, "shard " + s.getShardId() + " is closed")).build();
    }
    r.setAccepted(accepted).setFirstSequenceNumber(first);
    if (accepted < entries.size()) {
      r.setError(error(ErrorCode.THROUGHPUT_EXCEEDED, "shard " + s.getShardId() + " accepted only " + accepted));
    }
    return r.build();
  }

  /**
   * A broker's idempotent write: duplicates are answered with their numbers (or -1 when no longer
   * remembered); a batch that starts inside what is written and runs past it gets its written
   * prefix answered and the rest refused, retryable, so the retry starts right after; a gap is
   * refused with OutOfOrderSequence.
   */
  private ShardPutResult idempotentPut(ShardPut s, long producerId, int limit, ShardPutResult.Builder r) {
    String shard = s.getShardId();
    int n = s.getRecordsCount();
    FakeLogs.Log.Put put = logs.log(shard).put(producerId, s.getFirstProducerSequence(), s.getRecordsList(), limit,
        clock.millis());
    if (forgetBatches) {
      logs.log(shard).forgetBatches();
    }
    if (put.check() == null) {
      return r.setError(error(ErrorCode.NOT_SHARD_OWNER, "shard " + shard + " is closed")).build();
    }
    ProducerStates.Check c = put.check();
    switch (c.verdict()) {
      case GAP -> {
        return r.setError(error(ErrorCode.OUT_OF_ORDER_SEQUENCE, "producer " + producerId + " in shard " + shard
            + ": expected producer sequence " + c.expected() + ", received " + s.getFirstProducerSequence()))
            .build();
      }
      case OVERLAP -> r.setError(error(ErrorCode.THROUGHPUT_EXCEEDED, "shard " + shard + " already holds the first "
          + put.accepted() + " records; send the rest from producer sequence " + c.expected()));
      default -> {
        if (put.accepted() < n) {
          r.setError(error(ErrorCode.THROUGHPUT_EXCEEDED, "shard " + shard + " accepted only " + put.accepted()));
        }
      }
    }
    return r.setAccepted(put.accepted()).setFirstSequenceNumber(put.firstNumber()).build();
  }

  private void awaitGate() {
    CountDownLatch g = gate;
    if (g != null) {
      try {
        g.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static ErrorDetail error(ErrorCode code, String message) {
    return ErrorDetail.newBuilder().setCode(code.shortName()).setMessage(message).build();
  }

  private String iterator(GetShardIteratorRequest request) {
    iteratorCalls.incrementAndGet();
    iteratorPositions.add(request.getPosition());
    failRead();
    checkOwned(request.getShardId());
    FakeLogs.Log log = logs.log(request.getShardId());
    return request.getShardId() + ":" + startOf(log, request.getPosition());
  }

  private static long startOf(FakeLogs.Log log, StartingPosition p) {
    return switch (p.getType()) {
      case TRIM_HORIZON -> 0;
      case LATEST -> log.size();
      case AT_SEQUENCE_NUMBER -> p.getSequenceNumber();
      case AFTER_SEQUENCE_NUMBER -> p.getSequenceNumber() + 1;
      case AT_TIMESTAMP -> {
        List<Record> all = log.read(0, Integer.MAX_VALUE);
        yield all.stream().filter(r -> r.getArrivalMillis() >= p.getTimestampMillis()).findFirst()
            .map(Record::getSequenceNumber).orElse((long) all.size());
      }
      default -> throw Errors.invalid("unknown iterator type " + p.getType());
    };
  }

  private GetRecordsResponse records(GetRecordsRequest request) {
    getRecordsCalls.incrementAndGet();
    failRead();
    if (expireNextGetRecords.getAndUpdate(v -> Math.max(0, v - 1)) > 0) {
      throw new TributaryException(ErrorCode.EXPIRED_ITERATOR, "iterator expired; get a new one");
    }
    String[] parts = request.getShardIterator().split(":");
    String shardId = parts[0];
    long position = Long.parseLong(parts[1]);
    checkOwned(shardId);
    FakeLogs.Log log = logs.log(shardId);
    List<Record> batch = log.read(position, request.getLimit() == 0 ? 10_000 : request.getLimit());
    long next = position + batch.size();
    boolean end = log.closed() && next >= log.size();
    return GetRecordsResponse.newBuilder()
        .setRecords(encode(batch))
        .setRecordCount(batch.size())
        .setNextShardIterator(end ? "" : shardId + ":" + next)
        .setMillisBehindLatest(0)
        .build();
  }

  private void failRead() {
    TributaryException failure = failNextRead.poll();
    if (failure != null) {
      throw failure;
    }
  }

  private void checkOwned(String shardId) {
    if (!owned.contains(shardId)) {
      throw Errors.notShardOwner("s", shardId, 0);
    }
  }

  static ByteString encode(List<Record> records) {
    return RecordBatch.newBuilder().addAllRecords(records).build().toByteString();
  }

  private void subscribe(SubscribeRequest request, StreamObserver<SubscribeEvent> observer) {
    subscribeCalls.incrementAndGet();
    subscribePositions.add(request.getPosition());
    subscribeConsumers.add(request.getConsumerName());
    checkOwned(request.getShardId());
    FakeLogs.Log log = logs.log(request.getShardId());
    long start = startOf(log, request.getPosition());
    ServerCallStreamObserver<SubscribeEvent> call = (ServerCallStreamObserver<SubscribeEvent>) observer;
    Thread pusher = new Thread(() -> push(log, start, call), "fake-subscribe-" + request.getShardId());
    pusher.setDaemon(true);
    pusher.start();
  }

  private void push(FakeLogs.Log log, long start, ServerCallStreamObserver<SubscribeEvent> call) {
    long position = start;
    int events = 0;
    try {
      while (running && !call.isCancelled()) {
        if (!call.isReady()) {
          log.awaitRecord(Long.MAX_VALUE, 5); // a bounded pause until the client has room
          continue;
        }
        List<Record> batch = log.read(position, 20);
        if (batch.isEmpty()) {
          if (log.closed()) {
            call.onCompleted();
            return;
          }
          log.awaitRecord(position, 50);
          continue;
        }
        position += batch.size();
        call.onNext(SubscribeEvent.newBuilder()
            .setRecords(encode(batch))
            .setRecordCount(batch.size())
            .setContinuationSequenceNumber(batch.get(batch.size() - 1).getSequenceNumber())
            .build());
        eventsSent.incrementAndGet();
        if (++events == completeAfterEvents) {
          call.onCompleted();
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (StatusRuntimeException | IllegalStateException callCut) {
      // the broker was killed or the client cancelled: this stream is over, as in a real broker
      return;
    }
  }

  private final class Service extends ShardDataGrpc.ShardDataImplBase {
    @Override
    public void putRecords(PutRecordsRequest request, StreamObserver<PutRecordsResponse> observer) {
      observer.onNext(put(request));
      observer.onCompleted();
    }

    @Override
    public void getShardIterator(GetShardIteratorRequest request, StreamObserver<GetShardIteratorResponse> observer) {
      observer.onNext(GetShardIteratorResponse.newBuilder().setShardIterator(iterator(request)).build());
      observer.onCompleted();
    }

    @Override
    public void getRecords(GetRecordsRequest request, StreamObserver<GetRecordsResponse> observer) {
      observer.onNext(records(request));
      observer.onCompleted();
    }

    @Override
    public void subscribe(SubscribeRequest request, StreamObserver<SubscribeEvent> observer) {
      FakeBroker.this.subscribe(request, observer);
    }
  }
}
