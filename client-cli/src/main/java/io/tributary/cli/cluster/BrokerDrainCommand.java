package io.tributary.cli.cluster;

import io.tributary.cli.CliContext;
import io.tributary.cli.ClientCommand;
import io.tributary.cli.Converters;
import io.tributary.cli.output.Output;
import io.tributary.client.TributaryClient;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code trib broker drain ID}. Confined to the command's thread. */
@Command(
    name = "drain",
    mixinStandardHelpOptions = true,
    description = {
      "Move every replica off a broker so that it can be removed.",
      "The broker is marked drained (it takes no new replicas); its leaderships move to in-sync replicas elsewhere."
          + " Prints one line per replica move, then a summary; exits 1 if the drain stopped early."
    })
public final class BrokerDrainCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "ID", description = "Id of the broker to drain.")
  private int brokerId;

  @Option(names = "--timeout", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
      description = "How long to wait for the whole drain (default 1h).")
  private Duration timeout = Duration.ofHours(1);

  BrokerDrainCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected void validate() {
    if (brokerId < 0) {
      throw usage("broker id " + brokerId + " must not be negative");
    }
    if (timeout.isZero() || timeout.isNegative()) {
      throw usage("--timeout must be positive");
    }
  }

  @Override
  protected int run(TributaryClient client, Output output) {
    return new ReassignmentPrinter(output, false)
        .follow("Drain of broker " + brokerId, progress -> client.drainBroker(brokerId, timeout, progress));
  }
}
