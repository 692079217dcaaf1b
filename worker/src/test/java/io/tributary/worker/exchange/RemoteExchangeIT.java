package io.tributary.worker.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.util.MutableHandlerRegistry;
import io.tributary.common.grpc.GrpcServers;
import io.tributary.worker.TaskKey;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RemoteExchangeIT {
  private static final String JOB = "fedcba9876543210fedcba9876543210";

  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<Node> nodes = new ArrayList<>();

  record Event(int producer, int seq, String payload) {}

  /** One worker's exchange with its own gRPC server on loopback. */
  static final class Node implements AutoCloseable {
    final ExchangeEnvironment env;
    final Server server;
    final String address;

    Node(ExchangeSettings settings) throws IOException {
      MutableHandlerRegistry services = new MutableHandlerRegistry();
      server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
          .fallbackHandlerRegistry(services)
          .maxInboundMessageSize(GrpcServers.MAX_MESSAGE_BYTES)
          .build()
          .start();
      address = "127.0.0.1:" + server.getPort();
      KryoCodecRegistry codecs = new KryoCodecRegistry();
      codecs.register(JOB, RemoteExchangeIT.class.getClassLoader());
      env = new ExchangeEnvironment(address, settings, codecs);
      services.addService(env.service());
    }

    @Override
    public void close() {
      env.close();
      GrpcServers.stop(server);
    }
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    nodes.forEach(Node::close);
    threads.shutdownNow();
    assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  private Node node(ExchangeSettings settings) throws IOException {
    Node node = new Node(settings);
    nodes.add(node);
    return node;
  }

  private static TaskKey task(int vertex, int subtask) {
    return new TaskKey(JOB, vertex, subtask, 0);
  }

  @Test
  void deliversEveryRecordInOrderOverFourRemoteChannels() throws Exception {
    ExchangeSettings settings = new ExchangeSettings(256, 4, 4, Duration.ofSeconds(30));
    Node producerNode = node(settings);
    Node consumerNode = node(settings);
    int records = 100_000; // per producer: 200k over the 2x2 channels
    List<Future<List<List<Integer>>>> consumers = new ArrayList<>();
    for (int c = 0; c < 2; c++) {
      InputGate gate = consumerNode.env.createGate(task(2, c), List.of(
          new ChannelSpec(1, task(1, 0), 0, c, producerNode.address),
          new ChannelSpec(1, task(1, 1), 0, c, producerNode.address)));
      consumers.add(threads.submit(() -> drainSequences(gate)));
    }
    List<Future<?>> producers = new ArrayList<>();
    for (int p = 0; p < 2; p++) {
      RecordWriter writer = producerNode.env.createWriter(task(1, p), 0, 2);
      int producer = p;
      producers.add(threads.submit(() -> produce(writer, producer, records, new AtomicLong())));
    }
    for (Future<?> producer : producers) {
      producer.get(120, TimeUnit.SECONDS);
    }

    for (int c = 0; c < 2; c++) {
      List<List<Integer>> perChannel = consumers.get(c).get(120, TimeUnit.SECONDS);
      for (int p = 0; p < 2; p++) {
        List<Integer> sequences = perChannel.get(p);
        assertThat(sequences).as("consumer %d from producer %d", c, p).hasSize(records / 2);
        for (int i = 0; i < sequences.size(); i++) {
          if (sequences.get(i) != c + 2 * i) {
            throw new AssertionError("consumer " + c + " producer " + p + " position " + i + ": " + sequences.get(i));
          }
        }
      }
    }
  }

  private static Void produce(RecordWriter writer, int producer, int records, AtomicLong emitted)
      throws InterruptedException {
    for (int seq = 0; seq < records; seq++) {
      writer.emit(new Event(producer, seq, "payload-" + seq), seq, seq % writer.numChannels());
      emitted.incrementAndGet();
    }
    writer.broadcastWatermark(Long.MAX_VALUE);
    writer.finish();
    return null;
  }

  private static List<List<Integer>> drainSequences(InputGate gate) throws InterruptedException {
    List<List<Integer>> perChannel = new ArrayList<>();
    for (int i = 0; i < gate.numChannels(); i++) {
      perChannel.add(new ArrayList<>());
    }
    int ended = 0;
    while (ended < gate.numChannels()) {
      Delivery delivery = gate.poll(60, TimeUnit.SECONDS);
      assertThat(delivery).as("a batch within 60 s").isNotNull();
      ElementBatch batch = delivery.batch();
      for (int i = 0; i < batch.size(); i++) {
        if (batch.kind(i) == ElementBatch.RECORD) {
          Event event = (Event) batch.value(i);
          assertThat(batch.timestamp(i)).isEqualTo(event.seq());
          perChannel.get(delivery.channel()).add(event.seq());
        } else if (batch.kind(i) == ElementBatch.END_OF_PARTITION) {
          ended++;
        }
      }
      gate.recycle(delivery);
    }
    return perChannel;
  }

  @Test
  void consumerThatStopsRecyclingBlocksTheProducerWithinCreditsPlusQueue() throws Exception {
    int batchSize = 16;
    int credits = 3;
    int capacity = 2;
    ExchangeSettings settings = new ExchangeSettings(batchSize, capacity, credits, Duration.ofSeconds(30));
    Node producerNode = node(settings);
    Node consumerNode = node(settings);
    InputGate gate = consumerNode.env.createGate(task(2, 0), List.of(new ChannelSpec(1, task(1, 0), 0, 0, producerNode.address)));
    RecordWriter writer = producerNode.env.createWriter(task(1, 0), 0, 1);
    int records = 5_000;
    AtomicLong emitted = new AtomicLong();
    CompletableFuture<Thread> producerThread = new CompletableFuture<>();
    Future<?> producing = threads.submit(() -> {
      producerThread.complete(Thread.currentThread());
      return produce(writer, 0, records, emitted);
    });
    Thread producer = producerThread.get(10, TimeUnit.SECONDS);

    List<Delivery> held = new ArrayList<>();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> {
      Delivery delivery = gate.poll(10, TimeUnit.MILLISECONDS);
      if (delivery != null) {
        held.add(delivery);
        assertThat(emitted.get() / batchSize - 0).isLessThanOrEqualTo(credits + capacity);
      }
      return delivery == null && isBlocked(producer) && held.size() == credits;
    });
    long stalledAt = emitted.get();
    assertThat(stalledAt / batchSize).as("batches produced, none recycled").isLessThanOrEqualTo(credits + capacity);
    assertThat(gate.poll(200, TimeUnit.MILLISECONDS)).as("no batch beyond the credits").isNull();
    assertThat(producing.isDone()).isFalse();

    List<Integer> received = new ArrayList<>();
    for (Delivery delivery : held) {
      collect(delivery, received);
      gate.recycle(delivery);
    }
    boolean ended = false;
    while (!ended) {
      Delivery delivery = gate.poll(60, TimeUnit.SECONDS);
      assertThat(delivery).isNotNull();
      ended = delivery.batch().endsPartition();
      collect(delivery, received);
      gate.recycle(delivery);
    }
    producing.get(60, TimeUnit.SECONDS);
    assertThat(received).hasSize(records).isSorted();
    assertThat(writer.backPressuredNanos()).isPositive();
  }

  private static void collect(Delivery delivery, List<Integer> into) {
    for (int i = 0; i < delivery.batch().size(); i++) {
      if (delivery.batch().kind(i) == ElementBatch.RECORD) {
        into.add(((Event) delivery.batch().value(i)).seq());
      }
    }
  }

  private static boolean isBlocked(Thread thread) {
    Thread.State state = thread.getState();
    return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
  }

  @Test
  void producerWorkerDyingFailsTheConsumerNamingTheProducer() throws Exception {
    ExchangeSettings settings = new ExchangeSettings(8, 2, 2, Duration.ofSeconds(30));
    Node producerNode = node(settings);
    Node consumerNode = node(settings);
    InputGate gate = consumerNode.env.createGate(task(2, 0), List.of(new ChannelSpec(1, task(1, 0), 0, 0, producerNode.address)));
    RecordWriter writer = producerNode.env.createWriter(task(1, 0), 0, 1);
    Future<?> producing = threads.submit(() -> produce(writer, 0, 1_000_000, new AtomicLong()));
    Delivery first = gate.poll(30, TimeUnit.SECONDS);
    assertThat(first).isNotNull();
    gate.recycle(first);

    nodes.remove(producerNode);
    producerNode.server.shutdownNow(); // connections break before the exchange can say goodbye
    producerNode.close();

    assertThatThrownBy(() -> {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < deadline) {
        Delivery delivery = gate.poll(1, TimeUnit.SECONDS);
        if (delivery != null) {
          gate.recycle(delivery);
        }
      }
    }).isInstanceOf(ExchangeException.class)
        .hasMessageContaining(task(1, 0).toString())
        .hasMessageContaining(producerNode.address);
    await().atMost(Duration.ofSeconds(30)).until(producing::isDone);
  }

  @Test
  void consumerConnectingBeforeTheProducerRegistersReadsOnceItDoes() throws Exception {
    ExchangeSettings settings = new ExchangeSettings(64, 2, 2, Duration.ofSeconds(30));
    Node producerNode = node(settings);
    Node consumerNode = node(settings);
    InputGate gate = consumerNode.env.createGate(task(2, 0), List.of(new ChannelSpec(1, task(1, 0), 0, 0, producerNode.address)));
    assertThat(gate.poll(300, TimeUnit.MILLISECONDS)).as("nothing before the producer exists").isNull();

    RecordWriter writer = producerNode.env.createWriter(task(1, 0), 0, 1);
    threads.submit(() -> produce(writer, 0, 1_000, new AtomicLong()));

    List<List<Integer>> received = drainSequences(gate);
    assertThat(received.get(0)).hasSize(1_000).isSorted();
  }

  @Test
  void producerThatNeverRegistersFailsTheConsumerAfterTheConnectTimeout() throws Exception {
    ExchangeSettings settings = new ExchangeSettings(64, 2, 2, Duration.ofMillis(500));
    Node producerNode = node(settings);
    Node consumerNode = node(settings);
    InputGate gate = consumerNode.env.createGate(task(2, 0), List.of(new ChannelSpec(1, task(1, 0), 0, 0, producerNode.address)));

    assertThatThrownBy(() -> pollUntilFailure(gate))
        .isInstanceOf(ExchangeException.class)
        .hasMessageContaining(task(1, 0).toString())
        .hasMessageContaining("did not register");
  }

  @Test
  void unreachableProducerWorkerFailsTheConsumerAfterTheConnectTimeout() throws Exception {
    String nobody;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      nobody = "127.0.0.1:" + socket.getLocalPort();
    }
    Node consumerNode = node(new ExchangeSettings(64, 2, 2, Duration.ofMillis(500)));
    InputGate gate = consumerNode.env.createGate(task(2, 0), List.of(new ChannelSpec(1, task(1, 0), 0, 0, nobody)));

    assertThatThrownBy(() -> pollUntilFailure(gate))
        .isInstanceOf(ExchangeException.class)
        .hasMessageContaining("cannot reach producer")
        .hasMessageContaining(nobody);
  }

  private static void pollUntilFailure(InputGate gate) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      assertThat(gate.poll(1, TimeUnit.SECONDS)).isNull();
    }
  }
}
