package io.tributary.cli.stream;

import io.tributary.cli.CliContext;
import io.tributary.cli.ClientCommand;
import io.tributary.cli.Converters;
import io.tributary.cli.output.Output;
import io.tributary.client.TributaryClient;
import io.tributary.common.stream.StreamNames;
import io.tributary.proto.v1.ScalingEvent;
import io.tributary.proto.v1.ShardState;
import io.tributary.proto.v1.StreamDescription;
import java.time.Duration;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What split, merge and scale share: ask the coordinator, wait until the stream is ACTIVE again
 * (unless {@code --no-wait}), then print the resulting shards or the description. Confined to the
 * command's thread.
 */
abstract class ReshardCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "Stream name.")
  protected String name;

  @Option(names = "--wait", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
      description = "How long to wait for the stream to be ACTIVE again, e.g. 60s or 5m (default 60s).")
  private Duration wait = Duration.ofSeconds(60);

  @Option(names = "--no-wait", description = "Return as soon as the coordinator accepted the change.")
  private boolean noWait;

  protected ReshardCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected final void validate() {
    if (wait.isNegative() || wait.isZero()) {
      throw usage("--wait " + wait + " must be positive; use --no-wait to return at once");
    }
    validateReshard();
    StreamNames.validate(name);
  }

  /** Checks the options of the one command (usage errors). */
  protected abstract void validateReshard();

  /** Asks the coordinator for the change; returns the description it answered with. */
  protected abstract StreamDescription reshard(TributaryClient client);

  @Override
  protected final int run(TributaryClient client, Output output) throws InterruptedException {
    StreamDescription accepted = reshard(client);
    StreamDescription result = noWait ? accepted : new ActiveWait(client, ctx.err(), wait).await(name);
    if (output.json()) {
      output.json(StreamViews.descriptionJson(result));
      return 0;
    }
    output.line(summary(result, noWait));
    output.line("");
    output.table(StreamViews.shardsTable(result.getShardsList().stream()
        .filter(s -> s.getState() == ShardState.OPEN).toList()));
    return 0;
  }

  /** "Stream 'clicks' (ACTIVE): split closed A, opened B, C; 3 open shards." */
  static String summary(StreamDescription d, boolean accepted) {
    StringBuilder line = new StringBuilder("Stream '").append(d.getName()).append("' (")
        .append(d.getStatus().name()).append(")");
    if (d.getScalingEventsCount() > 0) {
      ScalingEvent last = d.getScalingEvents(0);
      line.append(": ").append(last.getAction()).append(" closed ")
          .append(String.join(", ", last.getClosedShardIdsList())).append("; opened ")
          .append(String.join(", ", last.getCreatedShardIdsList()));
    }
    line.append("; ").append(d.getOpenShardCount()).append(" open shards.");
    if (accepted) {
      line.append(" Not waiting for it to be ACTIVE again: follow it with 'trib stream describe ")
          .append(d.getName()).append("'.");
    }
    return line.toString();
  }
}
