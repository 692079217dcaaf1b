package io.tributary.cli.delivery;

import io.tributary.cli.CliContext;
import io.tributary.cli.ClientCommand;
import io.tributary.cli.Trib;
import io.tributary.cli.output.Output;
import io.tributary.client.TributaryClient;

/** A command that talks to the coordinators' DeliveryAdmin service. Confined to the command's thread. */
abstract class DeliveryClientCommand extends ClientCommand {
  protected DeliveryClientCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected final int run(TributaryClient client, Output output) throws Exception {
    try (DeliveryClient delivery = new DeliveryClient(client, Trib.of(spec).clientOptions(spec))) {
      return run(client, delivery, output);
    }
  }

  /** Runs the command with the plain client too (for writes to the backing stream). */
  protected int run(TributaryClient client, DeliveryClient delivery, Output output) throws Exception {
    return run(delivery, output);
  }

  /** Runs the command; returns its exit status. */
  protected int run(DeliveryClient delivery, Output output) throws Exception {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " runs with the plain client");
  }
}
