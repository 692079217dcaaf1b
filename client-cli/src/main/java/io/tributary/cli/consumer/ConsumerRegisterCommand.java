package io.tributary.cli.consumer;

import io.tributary.cli.CliContext;
import io.tributary.cli.output.Output;
import io.tributary.cli.stream.ScalingViews;
import io.tributary.client.TributaryClient;
import io.tributary.proto.v1.RegisteredConsumer;
import picocli.CommandLine.Command;

/** {@code trib consumer register}. Confined to the command's thread. */
@Command(
    name = "register",
    mixinStandardHelpOptions = true,
    description = "Register a push consumer on a stream: its subscriptions get a read quota of their own.")
public final class ConsumerRegisterCommand extends ConsumerRegistrationCommand {
  ConsumerRegisterCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected int run(TributaryClient client, Output output) {
    RegisteredConsumer registered = client.registerConsumer(stream, consumer);
    if (output.json()) {
      output.json(ScalingViews.consumerJson(registered));
    } else {
      output.line("Registered consumer '" + registered.getName() + "' on stream '" + registered.getStream() + "'.");
    }
    return 0;
  }
}
