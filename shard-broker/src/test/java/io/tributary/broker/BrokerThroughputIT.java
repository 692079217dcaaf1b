package io.tributary.broker;

import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.tributary.proto.v1.GetRecordsResponse;
import io.tributary.proto.v1.PutRecordsEntry;
import io.tributary.proto.v1.PutRecordsRequest;
import io.tributary.proto.v1.ShardDataGrpc;
import io.tributary.proto.v1.ShardPut;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures produce and consume rates of one broker over loopback gRPC and prints them; asserts
 * nothing. Run with {@code -Dtributary.bench=true -Dit.test=BrokerThroughputIT}; add {@code
 * -Dbench.idempotent=true} to produce as idempotent producers (one per thread).
 */
@EnabledIfSystemProperty(named = "tributary.bench", matches = "true")
class BrokerThroughputIT {
  private static final int SHARDS = Integer.getInteger("bench.shards", 4);
  private static final int PRODUCERS = Integer.getInteger("bench.producers", 4);
  private static final int BATCHES_PER_PRODUCER = Integer.getInteger("bench.batches", 1000);
  private static final int BATCH = 500;
  private static final int RECORD_BYTES = 100;
  private static final boolean IDEMPOTENT = Boolean.getBoolean("bench.idempotent");
  private static final AtomicLong PRODUCER_IDS = new AtomicLong();

  @TempDir Path dir;

  @Test
  void produceAndConsume() throws Exception {
    try (TestingServer zookeeper = new TestingServer(true);
        ZkFixture zk = new ZkFixture(zookeeper.getConnectString(), "bench");
        BrokerFixture broker = BrokerFixture.start(zookeeper.getConnectString(), "bench", 1, dir, Clock.systemUTC(),
            Map.of(BrokerConfig.ROLL_CYCLE.name(), "hourly"))) {
      zk.createStream("bench", "u", SHARDS, 1);
      broker.awaitLeading("bench", SHARDS);
      List<PutRecordsRequest> requests = requests();
      produce(broker, requests, BATCHES_PER_PRODUCER / 10);
      long total = produce(broker, requests, BATCHES_PER_PRODUCER);
      consume(broker, total);
      subscribe(broker, total);
    }
  }

  private static void subscribe(BrokerFixture broker, long expected) {
    AtomicLong received = new AtomicLong();
    List<io.grpc.Context.CancellableContext> calls = new ArrayList<>();
    long start = System.nanoTime();
    for (int s = 0; s < SHARDS; s++) {
      io.grpc.Context.CancellableContext call = io.grpc.Context.current().withCancellation();
      calls.add(call);
      String shard = io.tributary.common.stream.ShardIds.of(s);
      call.run(() -> ShardDataGrpc.newStub(broker.channel()).subscribe(
          io.tributary.proto.v1.SubscribeRequest.newBuilder().setStream("bench").setShardId(shard)
              .setPosition(io.tributary.proto.v1.StartingPosition.newBuilder()
                  .setType(io.tributary.proto.v1.IteratorType.TRIM_HORIZON))
              .build(),
          new io.grpc.stub.StreamObserver<io.tributary.proto.v1.SubscribeEvent>() {
            @Override
            public void onNext(io.tributary.proto.v1.SubscribeEvent event) {
              received.addAndGet(TestRecords.decode(event.getRecords()).size());
            }

            @Override
            public void onError(Throwable t) {}

            @Override
            public void onCompleted() {}
          }));
    }
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(10)).until(() -> received.get() >= expected);
    double seconds = (System.nanoTime() - start) / 1e9;
    calls.forEach(c -> c.cancel(null));
    System.out.printf("SUBSCRIBE records=%d seconds=%.2f records_per_s=%.0f (1 MiB events, parsed)%n", received.get(),
        seconds, received.get() / seconds);
  }

  private static List<PutRecordsRequest> requests() {
    List<PutRecordsRequest> requests = new ArrayList<>();
    ByteString data = ByteString.copyFrom(new byte[RECORD_BYTES - 10]);
    for (int shard = 0; shard < SHARDS; shard++) {
      String key = BrokerServerIT.keyHashingInto(io.tributary.common.stream.HashKeyRange.uniform(SHARDS).get(shard));
      ShardPut.Builder put = ShardPut.newBuilder().setShardId(io.tributary.common.stream.ShardIds.of(shard));
      for (int i = 0; i < BATCH; i++) {
        put.addRecords(PutRecordsEntry.newBuilder().setPartitionKey(key).setData(data));
      }
      requests.add(PutRecordsRequest.newBuilder().setStream("bench").addShards(put).build());
    }
    return requests;
  }

  private static long produce(BrokerFixture broker, List<PutRecordsRequest> requests, int batches) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(PRODUCERS);
    AtomicLong accepted = new AtomicLong();
    long start = System.nanoTime();
    List<Future<?>> done = new ArrayList<>();
    for (int p = 0; p < PRODUCERS; p++) {
      int producer = p;
      done.add(pool.submit(() -> {
        ShardDataGrpc.ShardDataBlockingStub stub = ShardDataGrpc.newBlockingStub(broker.channel());
        long producerId = PRODUCER_IDS.incrementAndGet();
        long[] nextProducerSequence = new long[requests.size()];
        for (int b = 0; b < batches; b++) {
          int shard = (producer + b) % requests.size();
          PutRecordsRequest request = requests.get(shard);
          if (IDEMPOTENT) {
            request = request.toBuilder().setProducerId(producerId).setShards(0, request.getShards(0).toBuilder()
                .setFirstProducerSequence(nextProducerSequence[shard] + 1)).build();
            nextProducerSequence[shard] += BATCH;
          }
          accepted.addAndGet(stub.putRecords(request).getResults(0).getAccepted());
        }
      }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    System.out.printf("PRODUCE idempotent=%s records=%d seconds=%.2f records_per_s=%.0f mb_per_s=%.1f%n",
        IDEMPOTENT, accepted.get(), seconds,
        accepted.get() / seconds, accepted.get() * RECORD_BYTES / seconds / 1e6);
    return accepted.get();
  }

  private static void consume(BrokerFixture broker, long expected) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(SHARDS);
    AtomicLong read = new AtomicLong();
    long start = System.nanoTime();
    List<Future<?>> done = new ArrayList<>();
    for (int s = 0; s < SHARDS; s++) {
      String shard = io.tributary.common.stream.ShardIds.of(s);
      done.add(pool.submit(() -> {
        String iterator = broker.trimHorizon("bench", shard);
        while (true) {
          GetRecordsResponse response = broker.get(iterator, 10_000);
          if (response.getRecordCount() == 0) {
            return;
          }
          read.addAndGet(TestRecords.decode(response.getRecords()).size());
          iterator = response.getNextShardIterator();
        }
      }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    System.out.printf("CONSUME records=%d of %d seconds=%.2f records_per_s=%.0f (GetRecords of 10000, parsed)%n",
        read.get(), expected, seconds, read.get() / seconds);
  }
}
