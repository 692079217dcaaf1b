package io.tributary.cli.delivery;

import io.tributary.cli.CliContext;
import io.tributary.cli.output.Output;
import io.tributary.proto.v1.DeliveryStreamDescription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code trib delivery describe}. Confined to the command's thread. */
@Command(name = "describe", mixinStandardHelpOptions = true,
    description = {
      "Describe a delivery stream: its spec, status (ACTIVE while its job runs, else the job's state), job and",
      "metrics summed over the job's subtasks (data freshness: age of the oldest undelivered record)."
    })
public final class DeliveryDescribeCommand extends DeliveryClientCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "Delivery stream name.")
  private String name;

  @Option(names = "--json", description = "Print the delivery stream as JSON.")
  private boolean json;

  DeliveryDescribeCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected int run(DeliveryClient delivery, Output output) {
    DeliveryStreamDescription d = delivery.describe(name);
    if (json || output.json()) {
      output.json(DeliveryViews.json(d));
    } else {
      DeliveryViews.printDescription(d, output);
    }
    return 0;
  }
}
