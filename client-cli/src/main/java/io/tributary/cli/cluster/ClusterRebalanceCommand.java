package io.tributary.cli.cluster;

import io.tributary.cli.CliContext;
import io.tributary.cli.ClientCommand;
import io.tributary.cli.Converters;
import io.tributary.cli.output.Output;
import io.tributary.client.TributaryClient;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code trib cluster rebalance}. Confined to the command's thread. */
@Command(
    name = "rebalance",
    mixinStandardHelpOptions = true,
    description = {
      "Spread shard replicas and leaders evenly over live brokers that are not drained.",
      "Prints one line per replica move as the coordinator makes it (each new replica catches up before an old one"
          + " leaves), then a summary; exits 1 if the rebalance stopped early."
    })
public final class ClusterRebalanceCommand extends ClientCommand {
  @Option(names = "--dry-run", description = "Only print the moves a rebalance would make.")
  private boolean dryRun;

  @Option(names = "--timeout", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
      description = "How long to wait for the whole rebalance (default 1h).")
  private Duration timeout = Duration.ofHours(1);

  ClusterRebalanceCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected void validate() {
    if (timeout.isZero() || timeout.isNegative()) {
      throw usage("--timeout must be positive");
    }
  }

  @Override
  protected int run(TributaryClient client, Output output) {
    return new ReassignmentPrinter(output, dryRun)
        .follow(dryRun ? "Rebalance plan" : "Rebalance", progress -> client.rebalance(dryRun, timeout, progress));
  }
}
