package io.tributary.gateway.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.client.Producer;
import io.tributary.client.ProducerOptions;
import io.tributary.client.TributaryClient;
import io.tributary.common.time.ManualClock;
import io.tributary.gateway.InProcessCluster;
import io.tributary.gateway.OperationTable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.ChildShard;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEventStream;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardRequest;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

/**
 * SubscribeToShard through the official SDK's async client (HTTP/2, event-stream framing) against a
 * gateway over a real ZooKeeper, coordinator and broker: records pushed after the subscription
 * started, resuming from a ContinuationSequenceNumber, heartbeats while idle, the five-minute lifetime
 * on the gateway's clock, takeover by a newer subscription, a split shard's end with ChildShards, and
 * refusals before the stream opens.
 */
class KinesisSubscribeIT {
  private static final Duration BOUND = Duration.ofSeconds(30);

  @TempDir static Path dir;

  private static InProcessCluster cluster;
  private static TributaryClient client;
  private static KinesisAsyncClient kinesis;
  private static final ManualClock gatewayClock = new ManualClock(1_800_000_000_000L);

  @BeforeAll
  static void start() throws Exception {
    cluster = InProcessCluster.start(dir, "subscribe-it");
    client = cluster.client();
    OperationTable.Builder table = OperationTable.builder();
    StreamUids uids = new StreamUids(client, gatewayClock);
    KinesisConsumerOps consumers = new KinesisConsumerOps(client, Arns.defaults(), gatewayClock);
    new KinesisStreamOps(client, Arns.defaults()).register(table);
    new KinesisRecordOps(client, Arns.defaults(), uids).register(table);
    new KinesisReshardOps(client, Arns.defaults()).register(table);
    consumers.register(table);
    new KinesisSubscribeOps(client, Arns.defaults(), uids, consumers, gatewayClock).register(table);
    cluster.serve(table.build());
    kinesis = cluster.sdk(KinesisAsyncClient.builder());
  }

  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) {
      cluster.close(); // with the SDK clients it made
    }
  }

  @Test
  void recordsPutAfterTheSubscriptionStartedArriveInOrderAndTheContinuationResumesAfterThem() {
    String consumerArn = streamWithConsumer("sub-a", 1);
    Events first = subscribe(consumerArn, "shardId-000000000000", ShardIteratorType.LATEST, null);
    first.awaitOpened();
    List<PutRecordsResultEntry> written = put("sub-a", 0, 30);
    await().atMost(BOUND).until(() -> first.records().size() == 30);
    assertThat(first.data()).containsExactlyElementsOf(expected(0, 30));
    assertThat(first.records()).extracting(Record::sequenceNumber)
        .containsExactlyElementsOf(written.stream().map(PutRecordsResultEntry::sequenceNumber).toList());
    assertThat(first.records()).allSatisfy(r -> assertThat(r.approximateArrivalTimestamp()).isNotNull());
    String continuation = first.lastContinuation();
    assertThat(continuation).isEqualTo(written.get(29).sequenceNumber());

    // the native producer's records reach the SDK subscriber too
    try (Producer producer = client.newProducer("sub-a", ProducerOptions.defaults())) {
      for (int i = 30; i < 40; i++) {
        producer.send("k", ("r" + i).getBytes());
      }
      producer.flush();
    }
    await().atMost(BOUND).until(() -> first.records().size() == 40);
    first.future.cancel(true);

    Events resumed = subscribe(consumerArn, "shardId-000000000000", ShardIteratorType.AFTER_SEQUENCE_NUMBER,
        continuation);
    await().atMost(BOUND).until(() -> resumed.records().size() == 10);
    assertThat(resumed.data()).containsExactlyElementsOf(expected(30, 40));
    resumed.future.cancel(true);
  }

  @Test
  void aSubscriberThatStopsAskingHoldsTheStreamBackAndLaterGetsEveryRecordInOrder() {
    String consumerArn = streamWithConsumer("sub-g", 1);
    int total = 3_000;
    putAll("sub-g", total, "x".repeat(500)); // 1.5 MB: more than one event and the HTTP/2 window hold
    SlowSubscriber slow = new SlowSubscriber();
    CompletableFuture<Void> future = kinesis.subscribeToShard(r -> r.consumerARN(consumerArn)
            .shardId("shardId-000000000000").startingPosition(p -> p.type(ShardIteratorType.TRIM_HORIZON)),
        SubscribeToShardResponseHandler.builder().onEventStream(events -> events.subscribe(slow)).build());
    await().atMost(BOUND).until(() -> slow.subscription != null);
    slow.subscription.request(1);
    await().atMost(BOUND).until(() -> !slow.records.isEmpty());
    assertThat(slow.records).hasSizeLessThan(total); // one event asked for, so not everything came

    slow.subscription.request(Long.MAX_VALUE);
    await().atMost(BOUND).until(() -> slow.records.size() == total);
    for (int i = 0; i < total; i++) {
      assertThat(slow.records.get(i)).startsWith(i + ":");
    }
    future.cancel(true);
  }

  /** Writes records "i:filler" in order through the native producer, which waits out the write quota. */
  private static void putAll(String stream, int total, String filler) {
    try (Producer producer = client.newProducer(stream, ProducerOptions.defaults())) {
      for (int i = 0; i < total; i++) {
        producer.send("k", (i + ":" + filler).getBytes(StandardCharsets.UTF_8));
      }
      producer.flush();
    }
  }

  @Test
  void anIdleSubscriptionGetsEmptyEventsCarryingWhereToResume() {
    String consumerArn = streamWithConsumer("sub-b", 1);
    put("sub-b", 0, 5);
    Events events = subscribe(consumerArn, "shardId-000000000000", ShardIteratorType.TRIM_HORIZON, null);
    await().atMost(BOUND).until(() -> events.records().size() == 5);
    int before = events.events.size();
    await().atMost(BOUND).until(() -> events.events.size() > before);
    SubscribeToShardEvent heartbeat = events.events.get(events.events.size() - 1);
    assertThat(heartbeat.records()).isEmpty();
    assertThat(heartbeat.continuationSequenceNumber()).isEqualTo(events.records().get(4).sequenceNumber());
    assertThat(heartbeat.millisBehindLatest()).isZero();
    events.future.cancel(true);
  }

  @Test
  void aSubscriptionEndsAfterFiveMinutesOnTheGatewaysClock() {
    String consumerArn = streamWithConsumer("sub-c", 1);
    Events events = subscribe(consumerArn, "shardId-000000000000", ShardIteratorType.TRIM_HORIZON, null);
    events.awaitOpened();
    gatewayClock.advance(Duration.ofMinutes(4));
    put("sub-c", 0, 3);
    await().atMost(BOUND).until(() -> events.records().size() == 3);
    assertThat(events.future).isNotDone();
    gatewayClock.advance(Duration.ofMinutes(1).plusMillis(1));
    await().atMost(BOUND).until(() -> events.future.isDone());
    assertThat(events.future).isCompleted();
    assertThat(events.completed).isTrue();
    assertThat(events.error.get()).isNull();
  }

  @Test
  void aNewerSubscriptionOfTheSameConsumerTakesTheShardOverAndTheOlderEndsWithResourceInUse() {
    String consumerArn = streamWithConsumer("sub-d", 1);
    Events older = subscribe(consumerArn, "shardId-000000000000", ShardIteratorType.TRIM_HORIZON, null);
    older.awaitOpened();
    Events newer = subscribe(consumerArn, "shardId-000000000000", ShardIteratorType.TRIM_HORIZON, null);
    newer.awaitOpened();
    await().atMost(BOUND).until(() -> older.future.isDone());
    assertThat(older.future).isCompletedExceptionally();
    assertThat(older.error.get()).isInstanceOf(ResourceInUseException.class);
    put("sub-d", 0, 4);
    await().atMost(BOUND).until(() -> newer.records().size() == 4);
    newer.future.cancel(true);
  }

  @Test
  void aSplitShardIsDeliveredToItsEndThenTheLastEventNamesItsChildren() {
    String consumerArn = streamWithConsumer("sub-e", 1);
    put("sub-e", 0, 20);
    kinesis.splitShard(r -> r.streamName("sub-e").shardToSplit("shardId-000000000000")
        .newStartingHashKey("170141183460469231731687303715884105728")).join();
    Events events = subscribe(consumerArn, "shardId-000000000000", ShardIteratorType.TRIM_HORIZON, null);
    await().atMost(BOUND).until(() -> events.future.isDone());
    assertThat(events.error.get()).isNull();
    assertThat(events.data()).containsExactlyElementsOf(expected(0, 20));
    SubscribeToShardEvent last = events.events.get(events.events.size() - 1);
    assertThat(last.continuationSequenceNumber()).isNull();
    assertThat(last.childShards()).extracting(ChildShard::shardId)
        .containsExactlyInAnyOrder("shardId-000000000001", "shardId-000000000002");
    assertThat(last.childShards()).allSatisfy(c -> {
      assertThat(c.parentShards()).containsExactly("shardId-000000000000");
      assertThat(c.hashKeyRange().startingHashKey()).isNotBlank();
    });
  }

  @Test
  void wrongConsumersShardsAndPositionsAreRefusedBeforeTheStreamOpens() {
    String consumerArn = streamWithConsumer("sub-f", 1);
    assertThat(failure(subscribe(consumerArn.replace("/consumer/c:", "/consumer/nobody:"), "shardId-000000000000",
        ShardIteratorType.LATEST, null))).isInstanceOf(ResourceNotFoundException.class);
    assertThat(failure(subscribe(consumerArn, "shardId-000000000007", ShardIteratorType.LATEST, null)))
        .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("shardId-000000000007");
    assertThat(failure(subscribe(consumerArn, "shardId-000000000000", ShardIteratorType.AT_SEQUENCE_NUMBER, null)))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("sequence number");
    assertThat(failure(subscribe(consumerArn, "shardId-000000000000", ShardIteratorType.AFTER_SEQUENCE_NUMBER,
        "123456789012345678901234567890123456789012345678901234")))
        .isInstanceOf(InvalidArgumentException.class);
  }

  private static Throwable failure(Events events) {
    await().atMost(BOUND).until(() -> events.future.isDone());
    assertThat(events.opened).isFalse();
    return events.error.get();
  }

  private static String streamWithConsumer(String stream, int shards) {
    kinesis.createStream(r -> r.streamName(stream).shardCount(shards)).join();
    return kinesis.registerStreamConsumer(r -> r.streamARN(Arns.defaults().stream(stream)).consumerName("c"))
        .join().consumer().consumerARN();
  }

  private static List<PutRecordsResultEntry> put(String stream, int from, int to) {
    List<software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry> entries = new ArrayList<>();
    for (int i = from; i < to; i++) {
      entries.add(software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry.builder()
          .partitionKey("k").data(SdkBytes.fromUtf8String("r" + i)).build());
    }
    List<PutRecordsResultEntry> results = kinesis.putRecords(r -> r.streamName(stream).records(entries)).join().records();
    assertThat(results).allSatisfy(e -> assertThat(e.errorCode()).isNull());
    return results;
  }

  private static List<String> expected(int from, int to) {
    List<String> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add("r" + i);
    }
    return out;
  }

  private static Events subscribe(String consumerArn, String shardId, ShardIteratorType type, String sequence) {
    Events events = new Events();
    SubscribeToShardRequest request = SubscribeToShardRequest.builder()
        .consumerARN(consumerArn)
        .shardId(shardId)
        .startingPosition(p -> p.type(type).sequenceNumber(sequence))
        .build();
    SubscribeToShardResponseHandler handler = SubscribeToShardResponseHandler.builder()
        .onResponse(r -> events.opened = true)
        .onError(e -> events.error.compareAndSet(null, unwrap(e)))
        .onComplete(() -> events.completed = true)
        .subscriber(SubscribeToShardResponseHandler.Visitor.builder()
            .onSubscribeToShardEvent(events.events::add).build())
        .build();
    events.future = kinesis.subscribeToShard(request, handler)
        .whenComplete((v, e) -> {
          if (e != null) {
            events.error.compareAndSet(null, unwrap(e));
          }
        });
    return events;
  }

  /** A subscriber that asks for events only when the test says so. */
  private static final class SlowSubscriber implements Subscriber<SubscribeToShardEventStream> {
    final List<String> records = new CopyOnWriteArrayList<>();
    volatile Subscription subscription;

    @Override
    public void onSubscribe(Subscription s) {
      subscription = s;
    }

    @Override
    public void onNext(SubscribeToShardEventStream event) {
      if (event instanceof SubscribeToShardEvent e) {
        e.records().forEach(r -> records.add(r.data().asUtf8String()));
      }
    }

    @Override
    public void onError(Throwable t) {}

    @Override
    public void onComplete() {}
  }

  private static Throwable unwrap(Throwable e) {
    return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
  }

  /** What one subscription saw. */
  private static final class Events {
    final List<SubscribeToShardEvent> events = new CopyOnWriteArrayList<>();
    final AtomicReference<Throwable> error = new AtomicReference<>();
    volatile boolean opened;
    volatile boolean completed;
    volatile CompletableFuture<Void> future;

    void awaitOpened() {
      await().atMost(BOUND).until(() -> opened || (future != null && future.isDone()));
      assertThat(opened).as("subscription opened (error: %s)", error.get()).isTrue();
    }

    List<Record> records() {
      return events.stream().flatMap(e -> e.records().stream()).toList();
    }

    List<String> data() {
      return records().stream().map(r -> r.data().asUtf8String()).toList();
    }

    String lastContinuation() {
      return events.get(events.size() - 1).continuationSequenceNumber();
    }
  }
}
