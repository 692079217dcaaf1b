package io.tributary.client;

import io.tributary.client.internal.BrokerStubs;
import io.tributary.client.internal.ClientContext;
import io.tributary.client.internal.CoordinatorPool;
import io.tributary.client.internal.Names;
import io.tributary.client.internal.ProducerImpl;
import io.tributary.client.internal.PutRecordsCall;
import io.tributary.client.internal.Reassignments;
import io.tributary.client.internal.RecordDecoder;
import io.tributary.client.internal.SequencedPutCall;
import io.tributary.client.internal.Retrier;
import io.tributary.client.internal.ShardCalls;
import io.tributary.client.internal.ShardMaps;
import io.tributary.client.internal.ShardReaderImpl;
import io.tributary.client.internal.StreamReaderImpl;
import io.tributary.client.internal.SubscriptionImpl;
import io.tributary.common.error.Errors;
import io.tributary.common.error.TributaryException;
import io.tributary.common.grpc.GrpcErrors;
import io.tributary.common.stream.Limits;
import io.tributary.common.stream.ShardIds;
import io.tributary.common.stream.StreamNames;
import io.tributary.proto.v1.Acks;
import io.tributary.proto.v1.ClusterStatus;
import io.tributary.proto.v1.CreateStreamRequest;
import io.tributary.proto.v1.DeleteStreamRequest;
import io.tributary.proto.v1.DeregisterConsumerRequest;
import io.tributary.proto.v1.DescribeStreamRequest;
import io.tributary.proto.v1.DrainBrokerRequest;
import io.tributary.proto.v1.GetClusterStatusRequest;
import io.tributary.proto.v1.GetRecordsResponse;
import io.tributary.proto.v1.ListConsumersRequest;
import io.tributary.proto.v1.ListStreamsRequest;
import io.tributary.proto.v1.MergeShardsRequest;
import io.tributary.proto.v1.ReassignmentProgress;
import io.tributary.proto.v1.RebalanceRequest;
import io.tributary.proto.v1.RegisterConsumerRequest;
import io.tributary.proto.v1.RegisteredConsumer;
import io.tributary.proto.v1.SplitShardRequest;
import io.tributary.proto.v1.StreamDescription;
import io.tributary.proto.v1.StreamMode;
import io.tributary.proto.v1.StreamSummary;
import io.tributary.proto.v1.UpdateRetentionRequest;
import io.tributary.proto.v1.UpdateShardCountRequest;
import io.tributary.proto.v1.UpdateStreamTagsRequest;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Entry point of the Java client: stream administration through the coordinators and data through
 * the brokers. Every failure is a {@link io.tributary.common.error.TributaryException}. Thread-safe;
 * share one per process.
 */
public final class TributaryClient implements AutoCloseable {
  private static final AtomicInteger IDS = new AtomicInteger();

  private final ClientContext context;
  private final PutRecordsCall putRecords;
  private final ShardCalls shardCalls;
  private final SequencedPutCall sequencedPuts;
  private final Set<AutoCloseable> open = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();

  private TributaryClient(ClientOptions options, Clock clock) {
    CoordinatorPool coordinators =
        new CoordinatorPool(options.coordinators(), options.requestTimeout(), options.retryTimeout(), clock);
    int id = IDS.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    ExecutorService executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "tributary-client-" + id + "-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    ShardMaps maps = new ShardMaps(stream -> describe(coordinators, stream, false), executor);
    this.context = new ClientContext(options, clock, coordinators, new BrokerStubs(options.requestTimeout()), maps, executor);
    this.putRecords = new PutRecordsCall(maps, context.brokers());
    this.shardCalls = new ShardCalls(context);
    this.sequencedPuts = new SequencedPutCall(context);
  }

  /** A client on the system clock. Connections open lazily, on first use. */
  public static TributaryClient connect(ClientOptions options) {
    return connect(options, Clock.systemUTC());
  }

  /** A client whose deadlines (retry budgets, delivery timeouts) follow {@code clock}. */
  public static TributaryClient connect(ClientOptions options, Clock clock) {
    return new TributaryClient(options, clock);
  }

  /** Creates a stream; 0 for retention or replication picks the default. */
  public StreamDescription createStream(String name, int shards, int retentionHours, int replicationFactor, StreamMode mode) {
    return createStream(name, shards, retentionHours, replicationFactor, mode, 0, 0);
  }

  /**
   * Creates a stream; 0 for retention, replication or a shard bound picks the default. The bounds
   * {@code minShards} and {@code maxShards} limit an on-demand stream's open shard count.
   */
  public StreamDescription createStream(String name, int shards, int retentionHours, int replicationFactor,
      StreamMode mode, int minShards, int maxShards) {
    return createStream(name, shards, retentionHours, replicationFactor, mode, minShards, maxShards, Map.of());
  }

  /**
   * Creates a stream as {@link #createStream(String, int, int, int, StreamMode, int, int)} does, starting
   * with {@code tags} (at most 50; see {@link #updateStreamTags} for the characters allowed).
   */
  public StreamDescription createStream(String name, int shards, int retentionHours, int replicationFactor,
      StreamMode mode, int minShards, int maxShards, Map<String, String> tags) {
    StreamNames.validate(name);
    if (minShards < 0 || maxShards < 0 || (maxShards > 0 && minShards > maxShards)) {
      throw Errors.invalid("shard bounds must be 0 (the default) or 1 <= min <= max, got min " + minShards
          + " and max " + maxShards);
    }
    CreateStreamRequest request = CreateStreamRequest.newBuilder()
        .setName(name)
        .setShardCount(shards)
        .setRetentionHours(retentionHours)
        .setReplicationFactor(replicationFactor)
        .setMode(mode)
        .setMinShards(minShards)
        .setMaxShards(maxShards)
        .putAllTags(tags)
        .build();
    return context.coordinators().admin("create stream '" + name + "'", s -> s.createStream(request));
  }

  public void deleteStream(String name) {
    StreamNames.validate(name);
    DeleteStreamRequest request = DeleteStreamRequest.newBuilder().setName(name).build();
    context.coordinators().admin("delete stream '" + name + "'", s -> s.deleteStream(request));
  }

  public List<StreamSummary> listStreams() {
    return context.coordinators()
        .admin("list streams", s -> s.listStreams(ListStreamsRequest.getDefaultInstance()))
        .getStreamsList();
  }

  public StreamDescription describeStream(String name, boolean withSequenceRanges) {
    StreamNames.validate(name);
    return describe(context.coordinators(), name, withSequenceRanges);
  }

  private static StreamDescription describe(CoordinatorPool coordinators, String name, boolean withSequenceRanges) {
    DescribeStreamRequest request =
        DescribeStreamRequest.newBuilder().setName(name).setIncludeSequenceRanges(withSequenceRanges).build();
    return coordinators.admin("describe stream '" + name + "'", s -> s.describeStream(request));
  }

  public StreamDescription updateRetention(String name, int retentionHours) {
    StreamNames.validate(name);
    UpdateRetentionRequest request =
        UpdateRetentionRequest.newBuilder().setName(name).setRetentionHours(retentionHours).build();
    return context.coordinators().admin("update retention of '" + name + "'", s -> s.updateRetention(request));
  }

  /**
   * Sets the tags in {@code put} (replacing the values of keys the stream has) and removes the keys in
   * {@code remove}, in one change; removing a key the stream does not have is not an error. Keys are 1
   * to 128 characters, values up to 256, both of letters, digits, white space and {@code _ . / = + - % @};
   * a request sets at most 200 tags and removes at most 50 keys, and a stream holds at most 50 tags
   * (LimitExceeded beyond). Returns the stream with its tags after the change.
   */
  public StreamDescription updateStreamTags(String stream, Map<String, String> put, Collection<String> remove) {
    StreamNames.validate(stream);
    UpdateStreamTagsRequest request = UpdateStreamTagsRequest.newBuilder()
        .setStream(stream)
        .putAllPut(put)
        .addAllRemove(remove)
        .build();
    return context.coordinators().admin("update tags of '" + stream + "'", s -> s.updateStreamTags(request));
  }

  /**
   * Closes an open shard and opens two children splitting its hash range at {@code newStartingHashKey}
   * (a decimal 128-bit key, where the second child starts), or in the middle when it is null.
   */
  public StreamDescription splitShard(String stream, String shardId, String newStartingHashKey) {
    StreamNames.validate(stream);
    SplitShardRequest.Builder request = SplitShardRequest.newBuilder()
        .setStream(stream)
        .setShardId(ShardIds.normalize(shardId));
    if (newStartingHashKey != null) {
      request.setNewStartingHashKey(checkHashKey(newStartingHashKey));
    }
    return context.coordinators().admin(
        "split shard '" + shardId + "' of '" + stream + "'", s -> s.splitShard(request.build()));
  }

  /** Closes two open shards with adjacent hash ranges and opens one child covering both. */
  public StreamDescription mergeShards(String stream, String shardId, String adjacentShardId) {
    StreamNames.validate(stream);
    MergeShardsRequest request = MergeShardsRequest.newBuilder()
        .setStream(stream)
        .setShardId(ShardIds.normalize(shardId))
        .setAdjacentShardId(ShardIds.normalize(adjacentShardId))
        .build();
    return context.coordinators().admin(
        "merge shards '" + shardId + "' and '" + adjacentShardId + "' of '" + stream + "'", s -> s.mergeShards(request));
  }

  /** Closes every open shard and opens {@code shardCount} shards with uniform hash ranges. */
  public StreamDescription updateShardCount(String stream, int shardCount) {
    StreamNames.validate(stream);
    if (shardCount < 1) {
      throw Errors.invalid("a stream needs at least 1 shard, got " + shardCount);
    }
    UpdateShardCountRequest request =
        UpdateShardCountRequest.newBuilder().setStream(stream).setTargetShardCount(shardCount).build();
    return context.coordinators().admin(
        "scale '" + stream + "' to " + shardCount + " shards", s -> s.updateShardCount(request));
  }

  /** Registers a named push consumer of a stream; its subscriptions get a read quota of their own. */
  public RegisteredConsumer registerConsumer(String stream, String consumerName) {
    StreamNames.validate(stream);
    RegisterConsumerRequest request = RegisterConsumerRequest.newBuilder()
        .setStream(stream)
        .setConsumerName(Names.consumer(consumerName))
        .build();
    return context.coordinators().admin(
        "register consumer '" + consumerName + "' of '" + stream + "'", s -> s.registerConsumer(request));
  }

  public void deregisterConsumer(String stream, String consumerName) {
    StreamNames.validate(stream);
    DeregisterConsumerRequest request = DeregisterConsumerRequest.newBuilder()
        .setStream(stream)
        .setConsumerName(Names.consumer(consumerName))
        .build();
    context.coordinators().admin(
        "deregister consumer '" + consumerName + "' of '" + stream + "'", s -> s.deregisterConsumer(request));
  }

  public List<RegisteredConsumer> listConsumers(String stream) {
    StreamNames.validate(stream);
    ListConsumersRequest request = ListConsumersRequest.newBuilder().setStream(stream).build();
    return context.coordinators()
        .admin("list consumers of '" + stream + "'", s -> s.listConsumers(request))
        .getConsumersList();
  }

  private static String checkHashKey(String decimal) {
    try {
      BigInteger key = new BigInteger(decimal.trim());
      if (key.signum() < 0 || key.bitLength() > 128) {
        throw Errors.invalid("hash key " + decimal + " is outside 0 to 2^128-1; give a decimal 128-bit key");
      }
      return key.toString();
    } catch (NumberFormatException e) {
      throw Errors.invalid("hash key '" + decimal + "' is not a decimal number; give a decimal 128-bit key");
    }
  }

  public ClusterStatus clusterStatus() {
    return context.coordinators()
        .cluster("get cluster status", s -> s.getClusterStatus(GetClusterStatusRequest.getDefaultInstance()));
  }

  /**
   * Moves every replica off broker {@code brokerId} (and its leaderships to in-sync replicas
   * elsewhere) and marks it drained, handing each progress report to {@code progress} as the
   * coordinator sends it. Returns the last report; one whose error is set means the drain stopped.
   *
   * @param timeout how long the whole drain may take
   */
  public ReassignmentProgress drainBroker(int brokerId, Duration timeout, Consumer<ReassignmentProgress> progress) {
    DrainBrokerRequest request = DrainBrokerRequest.newBuilder().setBrokerId(brokerId).build();
    return Reassignments.follow(context.coordinators(), "drain broker " + brokerId, timeout,
        s -> s.drainBroker(request), progress);
  }

  /**
   * Spreads shard replicas and leaders evenly over the live brokers that are not drained (with
   * {@code dryRun}, only reports the planned moves); otherwise as {@link #drainBroker}.
   */
  public ReassignmentProgress rebalance(boolean dryRun, Duration timeout, Consumer<ReassignmentProgress> progress) {
    RebalanceRequest request = RebalanceRequest.newBuilder().setDryRun(dryRun).build();
    return Reassignments.follow(context.coordinators(), dryRun ? "plan a rebalance" : "rebalance", timeout,
        s -> s.rebalance(request), progress);
  }

  /**
   * Kinesis PutRecords: up to 500 records and 5 MiB, one attempt, results in input order with
   * per-record failures (throughput exceeded, unavailable shard). Request-level errors (an invalid
   * record, an unknown stream) are thrown.
   */
  public List<PutResult> putRecords(String stream, List<PutRecord> records, Acks acks) {
    return putRecords.put(stream, records, acks);
  }

  /**
   * Kinesis PutRecord, retrying retryable failures for a bounded time (the client's retry timeout).
   *
   * @return the acknowledged result
   * @throws TributaryException the last error, once it is not retryable or retries ran out
   */
  public PutResult putRecord(String stream, PutRecord record, Acks acks) {
    Retrier retrier = context.retrier();
    while (true) {
      PutResult result = putRecords.put(stream, List.of(record), acks).get(0);
      if (result.succeeded()) {
        return result;
      }
      TributaryException error = new TributaryException(result.error(), result.errorMessage());
      if (!error.retryable()) {
        throw error;
      }
      if (!retrier.backOff()) {
        throw retrier.gaveUp(error);
      }
    }
  }

  /**
   * The open shard that takes records of {@code partitionKey} now, from the cached shard map (loaded
   * again when no open shard covers the key).
   */
  public String shardFor(String stream, String partitionKey) {
    StreamNames.validate(stream);
    return sequencedPuts.shardFor(stream, partitionKey);
  }

  /**
   * Writes records to one shard as idempotent producer {@code producerId} with producer sequences
   * {@code firstSequence, firstSequence + 1, ...} (a producer's sequences in a shard start at 1 and
   * have no gaps), retrying while brokers make progress, within the retry timeout between two
   * acknowledgements. Repeating a call writes nothing twice while brokers remember the producer
   * (see the brokers' producer-state window), which makes it the commit step of exactly-once
   * writers that number records themselves.
   *
   * @throws TributaryException when a record is invalid, a sequence does not follow the last one
   *     written (OutOfOrderSequence), the shard was closed by a reshard (ResourceInUse: the records
   *     are not moved to its children, which could duplicate them), or retries ran out
   */
  public void putSequenced(String stream, String shardId, long producerId, long firstSequence, List<PutRecord> records) {
    StreamNames.validate(stream);
    checkOpen();
    sequencedPuts.put(stream, shardId, producerId, firstSequence, records);
  }

  /** A batching producer for {@code stream}; fails at once if the stream does not exist. */
  public Producer newProducer(String stream, ProducerOptions options) {
    checkOpen();
    ProducerImpl producer = ProducerImpl.start(stream, options, context, open::remove);
    open.add(producer);
    return producer;
  }

  public String getShardIterator(String stream, String shardId, Position position) {
    String shard = checkShard(stream, shardId);
    return shardCalls.withRetries(c -> c.iteratorOnce(stream, shard, position));
  }

  /** Kinesis GetRecords on an iterator; the client finds the shard's broker from the iterator's shard. */
  public GetRecordsResult getRecords(String stream, String shardId, String shardIterator, int limit) {
    String shard = checkShard(stream, shardId);
    if (limit < 1 || limit > Limits.MAX_GET_RECORDS) {
      throw Errors.invalid("limit must be 1 to " + Limits.MAX_GET_RECORDS + ", got " + limit);
    }
    GetRecordsResponse r = shardCalls.withRetries(c -> c.recordsOnce(stream, shard, shardIterator, limit));
    String next = r.getNextShardIterator().isEmpty() ? null : r.getNextShardIterator();
    return new GetRecordsResult(RecordDecoder.decode(shard, r.getRecords()), next, r.getMillisBehindLatest(),
        r.getChildShardsList());
  }

  public ShardReader newShardReader(String stream, String shardId, Position position) {
    String shard = checkShard(stream, shardId);
    shardCalls.requireShard(stream, shard);
    return new ShardReaderImpl(context, shardCalls, stream, shard, position);
  }

  public StreamReader newStreamReader(String stream, Position position) {
    StreamNames.validate(stream);
    checkOpen();
    return new StreamReaderImpl(context, shardCalls, stream, position);
  }

  /** Pushes records of one shard to {@code handler} (on a client thread) as they arrive. */
  public Subscription subscribe(String stream, String shardId, Position position, Consumer<List<ReceivedRecord>> handler) {
    return start(stream, shardId, position, "", handler);
  }

  /**
   * Pushes records of one shard to {@code handler} as a registered consumer: the subscription draws
   * on that consumer's own read quota, and a newer subscription of the same consumer to the same
   * shard takes over (this one then ends with ResourceInUse). Resume with
   * {@link Position#afterSequence} at a previous subscription's continuation sequence number.
   */
  public Subscription subscribe(String stream, String shardId, Position position, String consumerName,
      Consumer<List<ReceivedRecord>> handler) {
    return start(stream, shardId, position, Names.consumer(consumerName), handler);
  }

  /**
   * Like {@link #subscribe(String, String, Position, String, Consumer)}, but hands every event to
   * {@code handler}, heartbeats included, with its continuation sequence number and lag: for
   * relaying the subscription to someone who resumes from those (Kinesis's SubscribeToShard).
   */
  public Subscription subscribeEvents(String stream, String shardId, Position position, String consumerName,
      Consumer<SubscriptionEvent> handler) {
    return startEvents(stream, shardId, position, Names.consumer(consumerName), handler);
  }

  private Subscription start(String stream, String shardId, Position position, String consumerName,
      Consumer<List<ReceivedRecord>> handler) {
    return startEvents(stream, shardId, position, consumerName, event -> {
      if (!event.records().isEmpty()) {
        handler.accept(event.records());
      }
    });
  }

  private Subscription startEvents(String stream, String shardId, Position position, String consumerName,
      Consumer<SubscriptionEvent> handler) {
    String shard = checkShard(stream, shardId);
    checkOpen();
    SubscriptionImpl s = SubscriptionImpl.start(context, shardCalls, stream, shard, position, consumerName, handler);
    open.add(s);
    s.completion().whenComplete((v, e) -> open.remove(s));
    return s;
  }

  private String checkShard(String stream, String shardId) {
    StreamNames.validate(stream);
    return ShardIds.normalize(shardId);
  }

  private void checkOpen() {
    if (closed.get()) {
      throw Errors.unavailable("the client is closed; connect a new TributaryClient");
    }
  }

  /** Closes producers (flushing them) and subscriptions, then every connection. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    TributaryException failure = null;
    for (AutoCloseable c : List.copyOf(open)) {
      try {
        c.close();
      } catch (Exception e) {
        failure = failure != null ? failure : GrpcErrors.fromGrpc(e);
      }
    }
    try {
      if (failure != null) {
        throw failure;
      }
    } finally {
      context.brokers().close();
      context.coordinators().close();
      context.executor().shutdownNow();
      awaitExecutor();
    }
  }

  private void awaitExecutor() {
    try {
      context.executor().awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
