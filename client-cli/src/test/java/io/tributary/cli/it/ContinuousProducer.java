package io.tributary.cli.it;

import static org.awaitility.Awaitility.await;

import io.tributary.client.Producer;
import io.tributary.client.ProducerOptions;
import io.tributary.client.TributaryClient;
import io.tributary.proto.v1.Acks;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * One idempotent acks=all producer writing records with unique ids at a steady rate, round-robin
 * over partition keys chosen so that every shard of the stream gets two of them, each outcome kept
 * in an {@link AckedLedger}. Its writing thread is its own; the other methods are called from the
 * test's thread.
 *
 * <p>The rate is paced rather than flat out: the point is writes in flight across a fault, and a
 * 2-core machine running six JVMs should not spend the test reading back millions of records.
 */
final class ContinuousProducer implements AutoCloseable {
  private static final Duration DELIVERY_TIMEOUT = Duration.ofMinutes(4);

  private final Producer producer;
  private final List<String> keys;
  private final AckedLedger ledger;
  private final String prefix;
  private final long nanosPerRecord;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;
  private volatile Throwable crash;

  private ContinuousProducer(Producer producer, List<String> keys, AckedLedger ledger, String prefix, int perSecond) {
    this.producer = producer;
    this.keys = keys;
    this.ledger = ledger;
    this.prefix = prefix;
    this.nanosPerRecord = TimeUnit.SECONDS.toNanos(1) / perSecond;
    this.thread = new Thread(this::write, "producer-" + prefix);
    thread.setDaemon(true);
  }

  /** Starts writing to {@code stream} at about {@code perSecond} records per second. */
  static ContinuousProducer start(TributaryClient client, String stream, int shards, AckedLedger ledger,
      String prefix, int perSecond) {
    ProducerOptions options = ProducerOptions.defaults()
        .withAcks(Acks.ACKS_ALL)
        .withDeliveryTimeout(DELIVERY_TIMEOUT)
        .withMaxBufferedRecords(50_000);
    ContinuousProducer p = new ContinuousProducer(
        client.newProducer(stream, options), keysPerShard(client, stream, shards, 2), ledger, prefix, perSecond);
    p.thread.start();
    return p;
  }

  /** {@code perShard} partition keys for every one of the stream's {@code shards} shards. */
  static List<String> keysPerShard(TributaryClient client, String stream, int shards, int perShard) {
    Map<String, List<String>> byShard = new LinkedHashMap<>();
    for (int i = 0; i < 10_000 && byShard.values().stream().mapToInt(List::size).sum() < shards * perShard; i++) {
      String key = "key-" + i;
      List<String> of = byShard.computeIfAbsent(client.shardFor(stream, key), s -> new ArrayList<>());
      if (of.size() < perShard) {
        of.add(key);
      }
    }
    List<String> keys = new ArrayList<>();
    byShard.values().forEach(keys::addAll);
    if (byShard.size() != shards) {
      throw new IllegalStateException("keys reached " + byShard.keySet() + " of " + shards + " shards");
    }
    return keys;
  }

  /** A partition key of shard {@code shardId}. */
  static String keyOf(TributaryClient client, String stream, String shardId) {
    for (int i = 0; i < 10_000; i++) {
      if (client.shardFor(stream, "key-" + i).equals(shardId)) {
        return "key-" + i;
      }
    }
    throw new IllegalStateException("no key of " + shardId + " among 10000 tried");
  }

  /** Waits (bounded) until {@code more} records beyond those acknowledged now are acknowledged. */
  void awaitMoreAcked(int more, Duration within) {
    int target = ledger.ackedCount() + more;
    await().atMost(within).pollInterval(Duration.ofMillis(200))
        .failFast("the producer thread crashed", () -> crash != null)
        .until(() -> ledger.ackedCount() >= target);
  }

  /** Waits until every shard has {@code more} more acknowledged records than now. */
  void awaitMoreAckedOnEveryShard(int more, Duration within) {
    Map<String, Integer> now = ledger.ackedPerShard();
    await().atMost(within).pollInterval(Duration.ofMillis(200))
        .failFast("the producer thread crashed", () -> crash != null)
        .until(() -> {
          Map<String, Integer> later = ledger.ackedPerShard();
          return later.size() == keys.size() / 2
              && later.entrySet().stream().allMatch(e -> e.getValue() >= now.getOrDefault(e.getKey(), 0) + more);
        });
  }

  /** Stops sending, then waits until every record sent is acknowledged or failed. */
  void stopAndFlush() throws InterruptedException {
    running.set(false);
    thread.join(TimeUnit.SECONDS.toMillis(30));
    producer.flush();
    if (crash != null) {
      throw new IllegalStateException("the producer thread crashed", crash);
    }
  }

  @Override
  public void close() {
    running.set(false);
    producer.close();
  }

  private void write() {
    long next = System.nanoTime();
    long n = 0;
    try {
      while (running.get()) {
        String key = keys.get((int) (n % keys.size()));
        String id = prefix + "-" + n++;
        ledger.sent(id, key);
        producer.send(key, id.getBytes(StandardCharsets.UTF_8)).whenComplete((r, e) -> ledger.completed(id, r, e));
        next += nanosPerRecord;
        long ahead = next - System.nanoTime();
        if (ahead > 0) {
          LockSupport.parkNanos(ahead);
        } else if (ahead < -TimeUnit.SECONDS.toNanos(1)) {
          next = System.nanoTime();
        }
      }
    } catch (RuntimeException e) {
      crash = e;
    }
  }
}
