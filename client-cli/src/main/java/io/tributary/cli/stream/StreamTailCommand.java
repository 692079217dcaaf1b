package io.tributary.cli.stream;

import io.tributary.cli.CliContext;
import io.tributary.cli.ClientCommand;
import io.tributary.cli.Converters;
import io.tributary.cli.output.Output;
import io.tributary.client.Position;
import io.tributary.client.TributaryClient;
import io.tributary.client.app.ApplicationOptions;
import io.tributary.client.app.ConsumerApplication;
import io.tributary.common.stream.StreamNames;
import io.tributary.proto.v1.IteratorType;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code trib stream tail}. Confined to the command's thread; the application runs on its own threads. */
@Command(
    name = "tail",
    mixinStandardHelpOptions = true,
    description = {
      "Consume as one member of a consumer application until SIGTERM or SIGINT: shards are leased and",
      "balanced among the application's live members, each parent read to its end before its children.",
      "Prints 'READY tail <instance> <app>' once started, then each processed record and, after each",
      "batch, the checkpoint it committed. --output json prints JSON Lines: {shard, sequence,",
      "partitionKey, data} per record and {checkpoint: {shard, sequence}} per checkpoint.",
      "A clean stop checkpoints and releases the leases, so other members take over at once."
    })
public final class StreamTailCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "Stream name.")
  private String name;

  @Option(names = "--app", required = true, paramLabel = "APP", description = "Consumer application name.")
  private String app;

  @Option(names = "--instance", paramLabel = "ID",
      description = "This member's id, unique among the live members (default: a random one).")
  private String instance;

  @Option(names = "--from", paramLabel = "trim-horizon|latest", converter = Converters.PositionConverter.class,
      description = "Where shards without a checkpoint start (default trim-horizon).")
  private Position from = Position.trimHorizon();

  StreamTailCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected void validate() {
    if (from.type() != IteratorType.TRIM_HORIZON && from.type() != IteratorType.LATEST) {
      throw usage("--from must be trim-horizon or latest: an application resumes at its checkpoints");
    }
    StreamNames.validate(name);
  }

  @Override
  protected int run(TributaryClient client, Output output) throws InterruptedException {
    CountDownLatch stop = ctx.shutdown().listen();
    TailPrinter printer = new TailPrinter(output.writer(), output.json());
    ApplicationOptions options = ApplicationOptions.defaults().withInitialPosition(from);
    try (ConsumerApplication member = ConsumerApplication.start(client, name, app, instance,
        shard -> new TailProcessor(printer, ctx.err()), options)) {
      printer.line("READY tail " + member.instanceId() + " " + app);
      stop.await();
    }
    return 0;
  }
}
