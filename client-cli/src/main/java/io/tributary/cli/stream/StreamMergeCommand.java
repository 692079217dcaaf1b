package io.tributary.cli.stream;

import io.tributary.cli.CliContext;
import io.tributary.client.TributaryClient;
import io.tributary.common.stream.ShardIds;
import io.tributary.proto.v1.StreamDescription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code trib stream merge}. Confined to the command's thread. */
@Command(
    name = "merge",
    mixinStandardHelpOptions = true,
    description = {
      "Merge two open shards with adjacent hash ranges: both close, and one child opens on both ranges.",
      "Waits until the stream is ACTIVE again (see --wait, --no-wait), then prints the open shards."
    })
public final class StreamMergeCommand extends ReshardCommand {
  @Option(names = "--shard", required = true, paramLabel = "ID", description = "One of the two shards.")
  private String shard;

  @Option(names = "--adjacent", required = true, paramLabel = "ID",
      description = "The other shard; its hash range must touch the first one's.")
  private String adjacent;

  StreamMergeCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected void validateReshard() {
    shard = ShardIds.normalize(shard);
    adjacent = ShardIds.normalize(adjacent);
    if (shard.equals(adjacent)) {
      throw usage("--shard and --adjacent are both " + shard + "; name two different shards");
    }
  }

  @Override
  protected StreamDescription reshard(TributaryClient client) {
    return client.mergeShards(name, shard, adjacent);
  }
}
