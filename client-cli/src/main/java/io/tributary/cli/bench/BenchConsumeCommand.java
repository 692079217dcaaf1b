package io.tributary.cli.bench;

import io.tributary.cli.CliContext;
import io.tributary.cli.ClientCommand;
import io.tributary.cli.output.Output;
import io.tributary.cli.stream.EndMarks;
import io.tributary.cli.stream.RecordSource;
import io.tributary.client.Position;
import io.tributary.client.ReceivedRecord;
import io.tributary.client.TributaryClient;
import io.tributary.common.stream.StreamNames;
import io.tributary.common.stream.Limits;
import io.tributary.proto.v1.StreamDescription;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code trib bench consume}: reads a stream from the trim horizon until N records or its end,
 * with the client's stream reader. Confined to the command's thread.
 */
@Command(name = "consume", mixinStandardHelpOptions = true,
    description = "Read a stream from its start until N records or its end; throughput.")
public final class BenchConsumeCommand extends ClientCommand {
  private static final long EMPTY_POLL_PAUSE_MILLIS = 10;

  @Option(names = "--stream", required = true, paramLabel = "NAME", description = "Stream to read (must exist).")
  private String stream;

  @Option(names = "--records", paramLabel = "N", description = "Stop after N records (default: the whole stream).")
  private Long records;

  BenchConsumeCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected void validate() {
    if (records != null && records < 1) {
      throw usage("--records " + records + " must be at least 1");
    }
    StreamNames.validate(stream);
  }

  @Override
  protected int run(TributaryClient client, Output output) throws InterruptedException {
    StreamDescription description = client.describeStream(stream, true);
    EndMarks marks = EndMarks.of(description, null);
    long max = records == null ? Long.MAX_VALUE : records;
    long count = 0;
    long bytes = 0;
    long start = System.nanoTime();
    Progress progress = new Progress(ctx.err(), "bench consume", start);
    try (RecordSource source =
        RecordSource.of(client.newStreamReader(stream, Position.trimHorizon()), description.getShardsCount())) {
      while (count < max) {
        List<ReceivedRecord> batch = source.poll((int) Math.min(Limits.MAX_GET_RECORDS, max - count));
        for (ReceivedRecord r : batch) {
          bytes += r.data().length;
        }
        count += batch.size();
        marks.seen(batch);
        progress.maybePrint(count, "records read");
        if (marks.reached() || source.caughtUp()) {
          break;
        }
        if (batch.isEmpty()) {
          Thread.sleep(EMPTY_POLL_PAUSE_MILLIS);
        }
      }
    }
    long end = System.nanoTime();
    output.line(new BenchResult(count, bytes, Duration.ofNanos(end - start), null).line());
    return 0;
  }
}
