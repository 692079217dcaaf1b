package io.tributary.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.client.fake.FakeCluster;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.Test;

/**
 * How fast one producer sends 100-byte records to a loopback broker that only acknowledges, with
 * and without idempotence. It prints the rates rather than asserting them: the figures depend on
 * the machine and its load.
 */
class ProducerThroughputTest {
  private static final Logger LOG = LogManager.getLogger(ProducerThroughputTest.class);
  private static final int WARM_UP = 300_000;
  private static final int MEASURED = 2_000_000;

  @Test
  void oneIdempotentProducerSendsHundredByteRecords() throws Exception {
    measure(ProducerOptions.defaults());
  }

  @Test
  void oneProducerThatIsNotIdempotentSendsHundredByteRecords() throws Exception {
    measure(ProducerOptions.defaults().withIdempotent(false));
  }

  private static void measure(ProducerOptions options) throws Exception {
    try (FakeCluster cluster = FakeCluster.start(1); TributaryClient client = cluster.client()) {
      cluster.createStream("bench", 4);
      cluster.brokers.get(0).ackOnly = true;
      String[] keys = new String[1024];
      for (int i = 0; i < keys.length; i++) {
        keys[i] = "key-" + i;
      }
      byte[] data = new byte[100];
      AtomicLong failed = new AtomicLong();
      try (Producer producer = client.newProducer("bench", options)) {
        run(producer, keys, data, WARM_UP, failed);
        long start = System.nanoTime();
        run(producer, keys, data, MEASURED, failed);
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = MEASURED / seconds;
        String line = String.format("producer throughput (idempotent %s): %d records of 100 bytes in %.2f s = %.0f records/s (%.1f MB/s)",
            options.idempotent(), MEASURED, seconds, rate, rate * 100 / 1e6);
        System.out.println(line);
        LOG.info(line);
      }
      assertThat(failed).hasValue(0);
    }
  }

  private static void run(Producer producer, String[] keys, byte[] data, int count, AtomicLong failed) {
    CompletableFuture<PutResult> last = null;
    for (int i = 0; i < count; i++) {
      last = producer.send(keys[i & (keys.length - 1)], data);
      if ((i & 0xffff) == 0) {
        last.whenComplete((r, e) -> {
          if (e != null) {
            failed.incrementAndGet();
          }
        });
      }
    }
    producer.flush();
    assertThat(last).isCompleted();
  }
}
