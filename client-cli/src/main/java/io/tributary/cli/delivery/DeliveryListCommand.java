package io.tributary.cli.delivery;

import io.tributary.cli.CliContext;
import io.tributary.cli.output.Output;
import io.tributary.proto.v1.DeliveryStreamDescription;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code trib delivery list}. Confined to the command's thread. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = "List delivery streams: NAME STATUS SOURCE DESTINATION JOB.")
public final class DeliveryListCommand extends DeliveryClientCommand {
  @Option(names = "--json", description = "Print a JSON array of delivery streams.")
  private boolean json;

  DeliveryListCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected int run(DeliveryClient delivery, Output output) {
    List<DeliveryStreamDescription> list = delivery.list();
    if (json || output.json()) {
      output.json(DeliveryViews.listJson(list));
    } else if (list.isEmpty()) {
      output.line("No delivery streams; create one with 'trib delivery create NAME --destination URI'.");
    } else {
      output.table(DeliveryViews.listTable(list));
    }
    return 0;
  }
}
