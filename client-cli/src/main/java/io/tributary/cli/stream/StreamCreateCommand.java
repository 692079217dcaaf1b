package io.tributary.cli.stream;

import io.tributary.cli.CliContext;
import io.tributary.cli.ClientCommand;
import io.tributary.cli.Converters;
import io.tributary.cli.output.Output;
import io.tributary.client.TributaryClient;
import io.tributary.common.stream.StreamNames;
import io.tributary.proto.v1.StreamDescription;
import io.tributary.proto.v1.StreamMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code trib stream create}. Confined to the command's thread. */
@Command(name = "create", mixinStandardHelpOptions = true, description = "Create a stream.")
public final class StreamCreateCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "Stream name.")
  private String name;

  @Option(names = "--shards", required = true, paramLabel = "N", description = "Number of shards.")
  private int shards;

  @Option(names = "--retention", paramLabel = "DURATION", converter = Converters.HoursConverter.class,
      description = "How long records are kept, in whole hours, e.g. 24h or 7d (default 24h).")
  private int retentionHours;

  @Option(names = "--replication", paramLabel = "R", description = "Replicas per shard (default: 3, or the number of live brokers if fewer).")
  private int replication;

  @Option(names = "--mode", paramLabel = "provisioned|on-demand", converter = Converters.ModeConverter.class,
      description = "Capacity mode (default provisioned).")
  private StreamMode mode = StreamMode.PROVISIONED;

  @Option(names = "--min-shards", paramLabel = "N",
      description = "On-demand only: the fewest open shards the scaler merges down to (default: the cluster's).")
  private int minShards;

  @Option(names = "--max-shards", paramLabel = "N",
      description = "On-demand only: the most open shards the scaler splits up to (default: the cluster's).")
  private int maxShards;

  StreamCreateCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected void validate() {
    if (shards < 1) {
      throw usage("--shards " + shards + " must be at least 1");
    }
    if (replication < 0) {
      throw usage("--replication " + replication + " must be at least 1");
    }
    validateBounds();
    StreamNames.validate(name);
  }

  private void validateBounds() {
    if ((minShards != 0 || maxShards != 0) && mode != StreamMode.ON_DEMAND) {
      throw usage("--min-shards and --max-shards bound the on-demand scaler; add --mode on-demand");
    }
    if (minShards < 0 || maxShards < 0) {
      throw usage("--min-shards and --max-shards must be at least 1");
    }
    if (maxShards > 0 && minShards > maxShards) {
      throw usage("--min-shards " + minShards + " is above --max-shards " + maxShards);
    }
  }

  @Override
  protected int run(TributaryClient client, Output output) {
    StreamDescription created = client.createStream(name, shards, retentionHours, replication, mode, minShards, maxShards);
    if (output.json()) {
      output.json(StreamViews.descriptionJson(created));
    } else {
      output.line("Created stream '" + created.getName() + "' with " + created.getShardsCount() + " shards.");
      output.line("");
      StreamViews.printDescription(created, output);
    }
    return 0;
  }
}
