package io.tributary.cli.stream;

import io.tributary.cli.CliContext;
import io.tributary.client.TributaryClient;
import io.tributary.proto.v1.StreamDescription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code trib stream scale}. Confined to the command's thread. */
@Command(
    name = "scale",
    mixinStandardHelpOptions = true,
    description = {
      "Reshard a stream to N shards with uniform hash ranges: every open shard closes at once and N",
      "open, each a child of the old shards its range overlaps.",
      "Waits until the stream is ACTIVE again (see --wait, --no-wait), then prints the open shards."
    })
public final class StreamScaleCommand extends ReshardCommand {
  @Option(names = "--shards", required = true, paramLabel = "N", description = "Open shards after the change.")
  private int shards;

  StreamScaleCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected void validateReshard() {
    if (shards < 1) {
      throw usage("--shards " + shards + " must be at least 1");
    }
  }

  @Override
  protected StreamDescription reshard(TributaryClient client) {
    return client.updateShardCount(name, shards);
  }
}
