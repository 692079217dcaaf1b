package io.tributary.cli.delivery;

import io.tributary.cli.CliContext;
import io.tributary.cli.output.Json;
import io.tributary.cli.output.Output;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code trib delivery delete}. Confined to the command's thread. */
@Command(name = "delete", mixinStandardHelpOptions = true,
    description = "Delete a delivery stream: cancel its job, delete its backing stream (direct put), forget it.")
public final class DeliveryDeleteCommand extends DeliveryClientCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "Delivery stream name.")
  private String name;

  DeliveryDeleteCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected int run(DeliveryClient delivery, Output output) {
    delivery.delete(name);
    if (output.json()) {
      output.json(Json.object().put("deleted", name));
    } else {
      output.line("deleted delivery stream " + name);
    }
    return 0;
  }
}
