package io.tributary.cli.stream;

import io.tributary.cli.CliContext;
import io.tributary.client.TributaryClient;
import io.tributary.common.error.TributaryException;
import io.tributary.common.stream.HashKey;
import io.tributary.common.stream.ShardIds;
import io.tributary.proto.v1.StreamDescription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code trib stream split}. Confined to the command's thread. */
@Command(
    name = "split",
    mixinStandardHelpOptions = true,
    description = {
      "Split a shard in two: it closes, and two children open on its hash range.",
      "Waits until the stream is ACTIVE again (see --wait, --no-wait), then prints the open shards."
    })
public final class StreamSplitCommand extends ReshardCommand {
  @Option(names = "--shard", required = true, paramLabel = "ID", description = "The open shard to split.")
  private String shard;

  @Option(names = "--at", paramLabel = "HASHKEY",
      description = "Decimal hash key where the second child starts (default: the middle of the range).")
  private String at;

  StreamSplitCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected void validateReshard() {
    if (at != null) {
      try {
        HashKey.parse(at);
      } catch (TributaryException e) {
        throw usage("--at: " + e.getMessage());
      }
    }
    shard = ShardIds.normalize(shard);
  }

  @Override
  protected StreamDescription reshard(TributaryClient client) {
    return client.splitShard(name, shard, at);
  }
}
