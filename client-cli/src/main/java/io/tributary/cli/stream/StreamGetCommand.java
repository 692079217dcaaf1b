package io.tributary.cli.stream;

import io.tributary.cli.CliContext;
import io.tributary.cli.ClientCommand;
import io.tributary.cli.Converters;
import io.tributary.cli.output.Output;
import io.tributary.client.Position;
import io.tributary.client.ReceivedRecord;
import io.tributary.client.TributaryClient;
import io.tributary.common.stream.Limits;
import io.tributary.common.stream.StreamNames;
import io.tributary.proto.v1.IteratorType;
import io.tributary.proto.v1.StreamDescription;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code trib stream get}. Confined to the command's thread. */
@Command(
    name = "get",
    mixinStandardHelpOptions = true,
    description = {
      "Read records of one shard, or of every shard (each parent to its end before its children).",
      "Without --follow, stops once it has read what the stream held when it started.",
      "--output json prints one JSON array of {shard, sequence, partitionKey, arrival, data}; data is",
      "the UTF-8 text, or base64 under dataBase64 when it is not valid UTF-8. With --follow, json",
      "prints JSON Lines instead (one object per line, as records arrive), and tables print a row",
      "per record as it arrives."
    })
public final class StreamGetCommand extends ClientCommand {
  private static final long POLL_PAUSE_MILLIS = 20;
  private static final long FOLLOW_PAUSE_MILLIS = 250;

  @Parameters(index = "0", paramLabel = "NAME", description = "Stream name.")
  private String name;

  @Option(names = "--shard", paramLabel = "ID", description = "Read only this shard.")
  private String shard;

  @Option(names = "--from", paramLabel = "POSITION", converter = Converters.PositionConverter.class,
      description = "trim-horizon (default), latest, at:SEQ, after:SEQ (with --shard) or time:ISO8601.")
  private Position from = Position.trimHorizon();

  @Option(names = "--limit", paramLabel = "N", description = "Stop after N records.")
  private Long limit;

  @Option(names = "--follow", description = "Keep reading new records until --limit or Ctrl-C.")
  private boolean follow;

  StreamGetCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected void validate() {
    boolean perShard = from.type() == IteratorType.AT_SEQUENCE_NUMBER || from.type() == IteratorType.AFTER_SEQUENCE_NUMBER;
    if (perShard && shard == null) {
      throw usage("--from at:SEQ and after:SEQ need --shard: sequence numbers belong to one shard");
    }
    if (limit != null && limit < 1) {
      throw usage("--limit " + limit + " must be at least 1");
    }
    StreamNames.validate(name);
  }

  @Override
  protected int run(TributaryClient client, Output output) throws InterruptedException {
    StreamDescription description = client.describeStream(name, !follow);
    EndMarks marks = EndMarks.of(description, shard);
    long read;
    try (RecordSource source = shard != null
            ? RecordSource.of(client.newShardReader(name, shard, from))
            : RecordSource.of(client.newStreamReader(name, from), description.getShardsCount());
        RecordPrinter printer = RecordPrinter.create(output, follow)) {
      read = copy(source, marks, printer);
    }
    if (read == 0 && !output.json()) {
      output.line("No records.");
    }
    return 0;
  }

  private long copy(RecordSource source, EndMarks marks, RecordPrinter printer) throws InterruptedException {
    long read = 0;
    long max = limit == null ? Long.MAX_VALUE : limit;
    while (read < max) {
      List<ReceivedRecord> records = source.poll((int) Math.min(Limits.MAX_GET_RECORDS, max - read));
      if (records.size() > max - read) {
        records = records.subList(0, (int) (max - read));
      }
      printer.print(records);
      read += records.size();
      marks.seen(records);
      if (!follow && (marks.reached() || source.caughtUp())) {
        break;
      }
      if (records.isEmpty()) {
        Thread.sleep(follow ? FOLLOW_PAUSE_MILLIS : POLL_PAUSE_MILLIS);
      }
    }
    return read;
  }
}
