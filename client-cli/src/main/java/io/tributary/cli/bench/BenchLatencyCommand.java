package io.tributary.cli.bench;

import io.tributary.cli.CliContext;
import io.tributary.cli.ClientCommand;
import io.tributary.cli.Converters;
import io.tributary.cli.output.Output;
import io.tributary.client.Position;
import io.tributary.client.Producer;
import io.tributary.client.ProducerOptions;
import io.tributary.client.TributaryClient;
import io.tributary.common.stream.StreamNames;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.proto.v1.Acks;
import io.tributary.proto.v1.ShardInfo;
import io.tributary.proto.v1.ShardState;
import io.tributary.proto.v1.StreamDescription;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code trib bench latency}: sends stamped records at a fixed rate and measures how long each
 * takes from {@code send} until a push subscription delivers it. Confined to the command's thread;
 * deliveries are counted on the client's threads.
 */
@Command(name = "latency", mixinStandardHelpOptions = true,
    description = "Send at a fixed rate and measure produce-to-consume latency through subscriptions.")
public final class BenchLatencyCommand extends ClientCommand {
  private static final Duration DRAIN_WAIT = Duration.ofSeconds(30);

  @Option(names = "--stream", required = true, paramLabel = "NAME", description = "Stream to use (must exist).")
  private String stream;

  @Option(names = "--rate", paramLabel = "R", description = "Records per second (default 1000).")
  private double rate = 1000;

  @Option(names = "--seconds", paramLabel = "S", description = "How long to send (default 10).")
  private int seconds = 10;

  @Option(names = "--record-size", paramLabel = "BYTES", description = "Data bytes per record (default 100, at least 24).")
  private int recordSize = 100;

  @Option(names = "--acks", paramLabel = "leader|all", converter = Converters.AcksConverter.class,
      description = "Acknowledgement level (default all).")
  private Acks acks = Acks.ACKS_ALL;

  @Option(names = "--linger", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
      description = "How long a batch waits for more records (default 1ms).")
  private Duration linger = Duration.ofMillis(1);

  BenchLatencyCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected void validate() {
    if (rate <= 0 || rate > 1_000_000) {
      throw usage("--rate " + rate + " is out of range; use more than 0, up to 1000000");
    }
    if (seconds < 1) {
      throw usage("--seconds " + seconds + " must be at least 1");
    }
    if (recordSize < StampedRecords.HEADER_BYTES || recordSize > 1024 * 1024 - 64) {
      throw usage("--record-size " + recordSize + " is out of range; use " + StampedRecords.HEADER_BYTES + " to "
          + (1024 * 1024 - 64));
    }
    StreamNames.validate(stream);
  }

  @Override
  protected int run(TributaryClient client, Output output) throws Exception {
    StreamDescription description = client.describeStream(stream, false);
    StampedRecords stamps = new StampedRecords(recordSize);
    // A little history, so that the subscriptions are in place before the first record whatever the
    // clocks say; older records and other writers' records are told apart by the run's stamp.
    Position from = Position.atTimestamp(ctx.clock().instant().minusSeconds(5));
    long sent;
    long start;
    long end;
    try (Closer subscriptions = new Closer()) {
      for (ShardInfo shard : description.getShardsList()) {
        if (shard.getState() != ShardState.CLOSED) {
          subscriptions.add(client.subscribe(stream, shard.getShardId(), from, stamps::received));
        }
      }
      ProducerOptions options = ProducerOptions.defaults().withAcks(acks).withLinger(linger);
      try (Producer producer = client.newProducer(stream, options)) {
        start = System.nanoTime();
        sent = send(producer, start, stamps);
        end = System.nanoTime();
        producer.flush();
      }
      stamps.throwIfFailed();
      if (!stamps.awaitReceived(sent, DRAIN_WAIT)) {
        throw new TributaryException(ErrorCode.UNAVAILABLE, "only " + stamps.received() + " of " + sent
            + " records came back through the subscriptions within " + DRAIN_WAIT.toSeconds() + "s");
      }
    }
    BenchResult result = new BenchResult(sent, sent * recordSize, Duration.ofNanos(end - start), stamps.latency().summary());
    output.line(result.line());
    return 0;
  }

  private long send(Producer producer, long start, StampedRecords stamps) {
    Pacer pacer = new Pacer(rate, start);
    Progress progress = new Progress(ctx.err(), "bench latency", start);
    long until = start + Duration.ofSeconds(seconds).toNanos();
    long sent = 0;
    while (System.nanoTime() < until) {
      pacer.awaitNext();
      producer.send(stamps.key(sent), stamps.next(sent)).whenComplete((r, e) -> stamps.acknowledged(r, e));
      sent++;
      progress.maybePrint(stamps.received(), "records received");
      stamps.throwIfFailed();
    }
    return sent;
  }
}
