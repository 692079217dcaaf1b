package io.tributary.broker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.broker.ProducerStateSettings;
import io.tributary.broker.ReadBatch;
import io.tributary.broker.ShardLog;
import io.tributary.broker.TestRecords;
import io.tributary.proto.v1.Record;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import net.openhft.chronicle.queue.RollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A log whose writer process is killed with SIGKILL reopens with every acknowledged record, and
 * with what it needs to recognize the writer's retries.
 */
class ChronicleShardLogCrashIT {
  private static final String NAME = "shard shardId-000000000000 of stream 'crash'";
  /** The writer is an idempotent producer whose producer sequence is the sequence number plus one. */
  private static final long PRODUCER = 99;

  @TempDir Path dir;

  /** The child process: appends batches forever, printing each acknowledged end. */
  public static void main(String[] args) {
    ShardLog log = SegmentedShardLog.open(Path.of(args[0]), RollCycles.FAST_HOURLY, Clock.systemUTC(), NAME);
    for (int batch = 0; ; batch++) {
      log.append(TestRecords.numbered("b" + batch, 100).asProducer(PRODUCER, batch * 100L + 1), 100, 0);
      System.out.println("acknowledged " + log.nextSequenceNumber());
      System.out.flush();
    }
  }

  @Test
  void recordsAcknowledgedBeforeAKillSurviveAndNumberingContinues() throws Exception {
    long acknowledged = runAndKill(20_000);

    try (ShardLog log = SegmentedShardLog.open(dir, RollCycles.FAST_HOURLY, Clock.systemUTC(), NAME)) {
      long next = log.nextSequenceNumber();
      assertThat(next).isGreaterThanOrEqualTo(acknowledged);
      long expected = 0;
      while (expected < next) {
        ReadBatch batch = log.read(expected, 10_000, 10 << 20);
        for (Record record : TestRecords.decode(batch)) {
          assertThat(record.getProducerSequence()).isEqualTo(expected + 1);
          assertThat(record.getSequenceNumber()).isEqualTo(expected++);
        }
      }
      ProducerStates producers = new ProducerStates(ProducerStateSettings.DEFAULTS);
      ProducerStateLoader.load(log, ProducerStateSettings.DEFAULTS, Clock.systemUTC().millis(), producers);
      long now = Clock.systemUTC().millis();
      assertThat(producers.check(PRODUCER, next, 1, now).kind()).isEqualTo(ProducerVerdict.Kind.DUPLICATE);
      assertThat(producers.check(PRODUCER, next, 1, now).firstSequenceNumber()).isEqualTo(next - 1);
      assertThat(producers.check(PRODUCER, next + 1, 1, now)).isEqualTo(ProducerVerdict.FRESH);
      assertThat(producers.check(PRODUCER, next + 2, 1, now)).isEqualTo(ProducerVerdict.gap(next + 1));
      assertThat(TestRecords.numbered("after", 3).appendTo(log).firstSequenceNumber()).isEqualTo(next);
      assertThat(TestRecords.sequences(log.read(next, 10, 1 << 20))).containsExactly(next, next + 1, next + 2);
    }
  }

  /**
   * Starts the writer and kills it once it acknowledged at least {@code records}, while it is still
   * appending (its output keeps being drained, so it never blocks on printing); returns the last ack.
   */
  private long runAndKill(long records) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (argument.startsWith("--add-") || argument.startsWith("-Dchronicle")) {
        command.add(argument);
      }
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), ChronicleShardLogCrashIT.class.getName(),
        dir.toString()));
    Process writer = new ProcessBuilder(command).redirectErrorStream(true).start();
    AtomicLong acknowledged = new AtomicLong();
    Thread drain = new Thread(() -> drain(writer, acknowledged), "crash-writer-output");
    drain.start();
    try {
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
          .until(() -> acknowledged.get() >= records || !writer.isAlive());
    } finally {
      writer.destroyForcibly();
      assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
      drain.join(10_000);
    }
    assertThat(acknowledged.get()).as("the writer died before acknowledging enough").isGreaterThanOrEqualTo(records);
    return acknowledged.get();
  }

  private static void drain(Process writer, AtomicLong acknowledged) {
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("acknowledged ")) {
          acknowledged.set(Long.parseLong(line.substring("acknowledged ".length())));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
