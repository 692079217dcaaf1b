package io.tributary.cli.consumer;

import io.tributary.cli.CliContext;
import io.tributary.cli.output.Json;
import io.tributary.cli.output.Output;
import io.tributary.client.TributaryClient;
import picocli.CommandLine.Command;

/** {@code trib consumer deregister}. Confined to the command's thread. */
@Command(
    name = "deregister",
    mixinStandardHelpOptions = true,
    description = "Deregister a push consumer; its subscriptions end.")
public final class ConsumerDeregisterCommand extends ConsumerRegistrationCommand {
  ConsumerDeregisterCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected int run(TributaryClient client, Output output) {
    client.deregisterConsumer(stream, consumer);
    if (output.json()) {
      output.json(Json.object().put("stream", stream).put("consumer", consumer).put("deregistered", true));
    } else {
      output.line("Deregistered consumer '" + consumer + "' of stream '" + stream + "'.");
    }
    return 0;
  }
}
