package io.tributary.worker.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tributary.worker.TaskKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LocalExchangeTest {
  private static final String JOB = "0123456789abcdef0123456789abcdef";
  private static final String ADDRESS = "127.0.0.1:1";

  private final ExecutorService threads = Executors.newCachedThreadPool();
  private ExchangeEnvironment env;

  record Seq(int producer, int seq) {}

  @AfterEach
  void tearDown() throws InterruptedException {
    if (env != null) {
      env.close();
    }
    threads.shutdownNow();
    assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  private static TaskKey task(int vertex, int subtask) {
    return new TaskKey(JOB, vertex, subtask, 0);
  }

  private static ChannelSpec local(TaskKey producer, int consumerSubtask) {
    return new ChannelSpec(1, producer, 0, consumerSubtask, ADDRESS);
  }

  @Test
  void deliversEveryRecordInOrderPerChannelWithWatermarksAndEnd() throws Exception {
    env = new ExchangeEnvironment(ADDRESS, new ExchangeSettings(64, 2, 2, Duration.ofSeconds(30)), new KryoCodecRegistry());
    int producers = 2;
    int consumers = 3;
    int records = 30_000;
    List<InputGate> gates = new ArrayList<>();
    for (int c = 0; c < consumers; c++) {
      gates.add(env.createGate(task(2, c), List.of(local(task(1, 0), c), local(task(1, 1), c))));
    }
    List<Future<ChannelLog[]>> results = new ArrayList<>();
    for (InputGate gate : gates) {
      results.add(threads.submit(() -> drain(gate)));
    }
    List<Future<?>> writers = new ArrayList<>();
    for (int p = 0; p < producers; p++) {
      RecordWriter writer = env.createWriter(task(1, p), 0, consumers);
      int producer = p;
      writers.add(threads.submit(() -> produce(writer, producer, records)));
    }
    for (Future<?> writer : writers) {
      writer.get(60, TimeUnit.SECONDS);
    }

    for (int c = 0; c < consumers; c++) {
      ChannelLog[] logs = results.get(c).get(60, TimeUnit.SECONDS);
      for (int p = 0; p < producers; p++) {
        ChannelLog log = logs[p];
        List<Integer> expected = new ArrayList<>();
        for (int seq = c; seq < records; seq += consumers) {
          expected.add(seq);
        }
        assertThat(log.sequences).as("consumer %d from producer %d", c, p).containsExactlyElementsOf(expected);
        assertThat(log.producers).containsOnly(p);
        assertThat(log.watermarks).isSorted().endsWith(Long.MAX_VALUE).hasSizeGreaterThan(records / 1000);
        assertThat(log.timestampsMatchSequence).isTrue();
        assertThat(log.idleness).containsExactly(ElementBatch.IDLE, ElementBatch.ACTIVE);
        assertThat(log.ended).isTrue();
      }
    }
  }

  private static Void produce(RecordWriter writer, int producer, int records) throws InterruptedException {
    writer.broadcastIdle(true);
    writer.broadcastIdle(false);
    for (int seq = 0; seq < records; seq++) {
      writer.emit(new Seq(producer, seq), seq, seq % writer.numChannels());
      if (seq % 1000 == 999) {
        writer.broadcastWatermark(seq);
      }
    }
    writer.broadcastWatermark(Long.MAX_VALUE);
    writer.finish();
    return null;
  }

  /** What one channel delivered. */
  static final class ChannelLog {
    final List<Integer> sequences = new ArrayList<>();
    final List<Integer> producers = new ArrayList<>();
    final List<Long> watermarks = new ArrayList<>();
    final List<Byte> idleness = new ArrayList<>();
    boolean timestampsMatchSequence = true;
    boolean ended;
  }

  private static ChannelLog[] drain(InputGate gate) throws InterruptedException {
    ChannelLog[] logs = new ChannelLog[gate.numChannels()];
    for (int i = 0; i < logs.length; i++) {
      logs[i] = new ChannelLog();
    }
    int ended = 0;
    while (ended < logs.length) {
      Delivery delivery = gate.poll(30, TimeUnit.SECONDS);
      assertThat(delivery).as("a batch within 30 s").isNotNull();
      ChannelLog log = logs[delivery.channel()];
      assertThat(log.ended).as("nothing after end of partition").isFalse();
      ElementBatch batch = delivery.batch();
      for (int i = 0; i < batch.size(); i++) {
        switch (batch.kind(i)) {
          case ElementBatch.RECORD -> {
            Seq seq = (Seq) batch.value(i);
            log.sequences.add(seq.seq());
            log.producers.add(seq.producer());
            log.timestampsMatchSequence &= batch.timestamp(i) == seq.seq();
          }
          case ElementBatch.WATERMARK -> log.watermarks.add(batch.timestamp(i));
          case ElementBatch.IDLE, ElementBatch.ACTIVE -> {
            assertThat(log.sequences).as("idleness before any record").isEmpty();
            log.idleness.add(batch.kind(i));
          }
          case ElementBatch.END_OF_PARTITION -> {
            log.ended = true;
            ended++;
          }
          default -> throw new AssertionError("unexpected kind " + batch.kind(i));
        }
      }
      gate.recycle(delivery);
    }
    return logs;
  }

  @Test
  void slowConsumerBlocksProducerWithinQueueCapacity() throws Exception {
    int capacity = 2;
    env = new ExchangeEnvironment(ADDRESS, new ExchangeSettings(4, capacity, 2, Duration.ofSeconds(30)), new KryoCodecRegistry());
    InputGate gate = env.createGate(task(2, 0), List.of(local(task(1, 0), 0)));
    RecordWriter writer = env.createWriter(task(1, 0), 0, 1);
    CompletableFuture<Thread> producerThread = new CompletableFuture<>();
    Future<?> producing = threads.submit(() -> {
      producerThread.complete(Thread.currentThread());
      for (int i = 0; i < 200; i++) {
        writer.emit(i, i, 0);
      }
      writer.finish();
      return null;
    });
    Thread producer = producerThread.get(10, TimeUnit.SECONDS);
    Subpartition queue = env.partition(task(1, 0), 0).subpartition(0);

    List<Object> received = new ArrayList<>();
    boolean ended = false;
    int blockedTimes = 0;
    while (!ended) {
      if (!producing.isDone()) {
        // Take the next batch only once the producer is stuck on a full queue.
        await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).atMost(Duration.ofSeconds(30))
            .until(() -> producing.isDone() || isBlocked(producer));
        blockedTimes += producing.isDone() ? 0 : 1;
        assertThat(queue.queued()).isLessThanOrEqualTo(capacity);
      }
      Delivery delivery = gate.poll(30, TimeUnit.SECONDS);
      for (int i = 0; i < delivery.batch().size(); i++) {
        if (delivery.batch().kind(i) == ElementBatch.RECORD) {
          received.add(delivery.batch().value(i));
        }
        ended |= delivery.batch().kind(i) == ElementBatch.END_OF_PARTITION;
      }
      gate.recycle(delivery);
    }
    producing.get(30, TimeUnit.SECONDS);

    assertThat(received).hasSize(200).isSorted();
    assertThat(blockedTimes).isGreaterThan(10);
    assertThat(queue.highWaterMark()).isEqualTo(capacity);
    assertThat(writer.backPressuredNanos()).isPositive();
  }

  @Test
  void blockedChannelStopsItsProducerWithinQueueCapacityWhileOthersFlow() throws Exception {
    int capacity = 2;
    env = new ExchangeEnvironment(ADDRESS, new ExchangeSettings(4, capacity, 2, Duration.ofSeconds(30)), new KryoCodecRegistry());
    InputGate gate = env.createGate(task(2, 0), List.of(local(task(1, 0), 0), local(task(1, 1), 0)));
    RecordWriter aligned = env.createWriter(task(1, 0), 0, 1);
    RecordWriter other = env.createWriter(task(1, 1), 0, 1);
    aligned.broadcastBarrier(new CheckpointBarrier(1, 0, "unused", false));
    Delivery barrier = gate.poll(30, TimeUnit.SECONDS);
    assertThat(barrier.channel()).isZero();
    gate.block(0); // as alignment does: the barrier's batch stays unrecycled
    CompletableFuture<Thread> producerThread = new CompletableFuture<>();
    Future<?> producing = threads.submit(() -> {
      producerThread.complete(Thread.currentThread());
      for (int i = 0; i < 100; i++) {
        aligned.emit(i, i, 0);
      }
      aligned.finish();
      return null;
    });
    Thread producer = producerThread.get(10, TimeUnit.SECONDS);
    // The other channel's producer runs on its own thread too: its queue is as small, so it needs
    // the consumer below to keep taking.
    Future<?> producingOther = threads.submit(() -> {
      for (int i = 0; i < 40; i++) {
        other.emit(-i, i, 0);
      }
      other.finish();
      return null;
    });

    List<Object> fromOther = new ArrayList<>();
    boolean otherEnded = false;
    while (!otherEnded) {
      Delivery d = gate.poll(30, TimeUnit.SECONDS);
      assertThat(d.channel()).as("a blocked channel delivers nothing").isEqualTo(1);
      for (int i = 0; i < d.batch().size(); i++) {
        if (d.batch().kind(i) == ElementBatch.RECORD) {
          fromOther.add(d.batch().value(i));
        }
        otherEnded |= d.batch().kind(i) == ElementBatch.END_OF_PARTITION;
      }
      gate.recycle(d);
    }
    producingOther.get(30, TimeUnit.SECONDS);
    await().atMost(Duration.ofSeconds(30)).until(() -> isBlocked(producer));
    Subpartition queue = env.partition(task(1, 0), 0).subpartition(0);
    assertThat(queue.queued()).isEqualTo(capacity);
    assertThat(fromOther).hasSize(40);

    gate.recycle(barrier);
    gate.unblock(0);
    List<Object> resumed = new ArrayList<>();
    boolean ended = false;
    while (!ended) {
      Delivery d = gate.poll(30, TimeUnit.SECONDS);
      for (int i = 0; i < d.batch().size(); i++) {
        if (d.batch().kind(i) == ElementBatch.RECORD) {
          resumed.add(d.batch().value(i));
        }
        ended |= d.batch().kind(i) == ElementBatch.END_OF_PARTITION;
      }
      gate.recycle(d);
    }
    producing.get(30, TimeUnit.SECONDS);
    assertThat(resumed).hasSize(100).isSorted();
    assertThat(queue.highWaterMark()).isEqualTo(capacity);
  }

  private static boolean isBlocked(Thread thread) {
    Thread.State state = thread.getState();
    return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
  }

  @Test
  void releasingTheJobFailsBlockedWritersAndPollers() throws Exception {
    env = new ExchangeEnvironment(ADDRESS, new ExchangeSettings(1, 1, 1, Duration.ofSeconds(30)), new KryoCodecRegistry());
    RecordWriter writer = env.createWriter(task(1, 0), 0, 1);
    Future<?> blockedWriter = threads.submit(() -> {
      for (int i = 0; i < 10; i++) {
        writer.emit(i, i, 0);
      }
      return null;
    });
    InputGate waitingGate = env.createGate(task(3, 0), List.of(local(task(9, 0), 0)));
    Future<Delivery> blockedPoll = threads.submit(() -> waitingGate.poll(60, TimeUnit.SECONDS));
    await().atMost(Duration.ofSeconds(30)).until(() -> env.partition(task(1, 0), 0).subpartition(0).queued() == 1);

    env.releaseJob(JOB);

    assertThatThrownBy(() -> blockedWriter.get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(ExchangeException.class)
        .hasMessageContaining("released");
    assertThatThrownBy(() -> blockedPoll.get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(ExchangeException.class)
        .hasMessageContaining("released");
  }

  @Test
  void interruptingABlockedWriterStopsIt() throws Exception {
    env = new ExchangeEnvironment(ADDRESS, new ExchangeSettings(1, 1, 1, Duration.ofSeconds(30)), new KryoCodecRegistry());
    RecordWriter writer = env.createWriter(task(1, 0), 0, 1);
    Future<?> blockedWriter = threads.submit(() -> {
      for (int i = 0; i < 10; i++) {
        writer.emit(i, i, 0);
      }
      return null;
    });
    await().atMost(Duration.ofSeconds(30)).until(() -> env.partition(task(1, 0), 0).subpartition(0).queued() == 1);

    blockedWriter.cancel(true);

    await().atMost(Duration.ofSeconds(30)).until(blockedWriter::isDone);
    threads.shutdown();
    assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void producerThatNeverRegistersFailsThePollAfterTheConnectTimeout() {
    env = new ExchangeEnvironment(ADDRESS, new ExchangeSettings(8, 1, 1, Duration.ofMillis(200)), new KryoCodecRegistry());
    InputGate gate = env.createGate(task(2, 0), List.of(local(task(1, 0), 0)));

    assertThatThrownBy(() -> {
      while (true) {
        gate.poll(1, TimeUnit.SECONDS);
      }
    }).isInstanceOf(ExchangeException.class).hasMessageContaining(task(1, 0).toString()).hasMessageContaining("did not register");
  }

  @Test
  void aSubpartitionHasOneReaderAtATime() {
    env = new ExchangeEnvironment(ADDRESS, ExchangeSettings.defaults(), new KryoCodecRegistry());
    env.createWriter(task(1, 0), 0, 1);
    env.createGate(task(2, 0), List.of(local(task(1, 0), 0)));
    InputGate second = env.createGate(task(2, 0), List.of(local(task(1, 0), 0)));

    assertThatThrownBy(() -> second.poll(10, TimeUnit.SECONDS))
        .isInstanceOf(ExchangeException.class)
        .hasMessageContaining("already being read");
  }
}
