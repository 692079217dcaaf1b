package io.tributary.cli.bench;

import io.tributary.cli.CliContext;
import io.tributary.cli.ClientCommand;
import io.tributary.cli.Converters;
import io.tributary.cli.output.Output;
import io.tributary.client.Producer;
import io.tributary.client.ProducerOptions;
import io.tributary.client.TributaryClient;
import io.tributary.common.stream.StreamNames;
import io.tributary.common.error.TributaryException;
import io.tributary.common.stream.Limits;
import io.tributary.proto.v1.Acks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code trib bench produce}: P producers write N records of a fixed size as fast as they are
 * acknowledged (or at a fixed total rate), measuring send-to-acknowledgement latency. Confined to
 * the command's thread, which starts and watches the producer threads.
 */
@Command(name = "produce", mixinStandardHelpOptions = true,
    description = "Write N records of BYTES each through P producers; throughput and send-to-ack latency.")
public final class BenchProduceCommand extends ClientCommand {
  private static final Duration STALL = Duration.ofMinutes(3);
  private static final int KEYS = 1024;

  @Option(names = "--stream", required = true, paramLabel = "NAME", description = "Stream to write (must exist).")
  private String stream;

  @Option(names = "--records", required = true, paramLabel = "N", description = "Records to write.")
  private long records;

  @Option(names = "--record-size", required = true, paramLabel = "BYTES", description = "Data bytes per record.")
  private int recordSize;

  @Option(names = "--producers", paramLabel = "P", description = "Producer instances, one thread each (default 1).")
  private int producers = 1;

  @Option(names = "--acks", paramLabel = "leader|all", converter = Converters.AcksConverter.class,
      description = "Acknowledgement level (default all).")
  private Acks acks = Acks.ACKS_ALL;

  @Option(names = "--rate", paramLabel = "R", description = "Total records per second (default: as fast as possible).")
  private double rate;

  @Option(names = "--linger", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
      description = "How long a batch waits for more records (default: the producer's, 5ms).")
  private Duration linger;

  BenchProduceCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected void validate() {
    if (records < 1) {
      throw usage("--records " + records + " must be at least 1");
    }
    if (recordSize < 1 || recordSize > Limits.MAX_RECORD_BYTES - 64) {
      throw usage("--record-size " + recordSize + " is out of range; use 1 to " + (Limits.MAX_RECORD_BYTES - 64));
    }
    if (producers < 1 || producers > 64) {
      throw usage("--producers " + producers + " is out of range; use 1 to 64");
    }
    if (rate < 0) {
      throw usage("--rate must not be negative");
    }
    StreamNames.validate(stream);
  }

  @Override
  protected int run(TributaryClient client, Output output) throws InterruptedException {
    client.describeStream(stream, false);
    ProducerOptions options = ProducerOptions.defaults().withAcks(acks);
    if (linger != null) {
      options = options.withLinger(linger);
    }
    byte[] payload = new byte[recordSize];
    new SplittableRandom().nextBytes(payload);
    String[] keys = keys();
    Outcomes outcomes = new Outcomes();
    long start = System.nanoTime();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < producers; i++) {
      long share = records / producers + (i < records % producers ? 1 : 0);
      ProducerOptions producerOptions = options;
      Thread t = new Thread(() -> produce(client, producerOptions, share, payload, keys, outcomes, start),
          "bench-producer-" + i);
      t.setDaemon(true);
      t.start();
      threads.add(t);
    }
    watch(threads, outcomes, start);
    long end = System.nanoTime();
    outcomes.throwIfFailed(records);
    BenchResult result = new BenchResult(records, records * recordSize, Duration.ofNanos(end - start),
        outcomes.latency().summary());
    output.line(result.line());
    return 0;
  }

  private void produce(TributaryClient client, ProducerOptions options, long count, byte[] payload,
      String[] keys, Outcomes outcomes, long start) {
    Pacer pacer = new Pacer(rate / producers, start);
    try (Producer producer = client.newProducer(stream, options)) {
      for (long i = 0; i < count && !outcomes.stopped(); i++) {
        pacer.awaitNext();
        long sent = System.nanoTime();
        producer.send(keys[(int) (i % KEYS)], payload).whenComplete((r, e) -> outcomes.complete(sent, r, e));
      }
      producer.flush();
    } catch (TributaryException e) {
      outcomes.abort(e);
    }
  }

  /** Joins the producer threads, printing progress; stops them when nothing is acknowledged for a long time. */
  private void watch(List<Thread> threads, Outcomes outcomes, long start) throws InterruptedException {
    Progress progress = new Progress(ctx.err(), "bench produce", start);
    long lastCount = -1;
    long lastChange = System.nanoTime();
    for (Thread t : threads) {
      while (t.isAlive()) {
        t.join(500);
        long acked = outcomes.acknowledged();
        progress.maybePrint(acked, "records acknowledged");
        if (acked != lastCount) {
          lastCount = acked;
          lastChange = System.nanoTime();
        } else if (System.nanoTime() - lastChange > STALL.toNanos()) {
          outcomes.abort(Outcomes.stalled(STALL.toSeconds()));
          break;
        }
      }
    }
  }

  private static String[] keys() {
    SplittableRandom random = new SplittableRandom();
    String[] keys = new String[KEYS];
    for (int i = 0; i < KEYS; i++) {
      keys[i] = Long.toHexString(random.nextLong());
    }
    return keys;
  }
}
