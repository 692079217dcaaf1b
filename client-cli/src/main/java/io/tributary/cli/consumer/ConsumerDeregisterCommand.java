package io.tributary.cli.consumer;

import io.tributary.cli.CliContext;
import io.tributary.cli.ClientCommand;
import io.tributary.cli.output.Json;
import io.tributary.cli.output.Output;
import io.tributary.client.TributaryClient;
import io.tributary.common.stream.StreamNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code trib consumer deregister}. Confined to the command's thread. */
@Command(
    name = "deregister",
    mixinStandardHelpOptions = true,
    description = "Deregister a push consumer; its subscriptions end.")
public final class ConsumerDeregisterCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "Stream name.")
  private String stream;

  @Parameters(index = "1", paramLabel = "CONSUMER", description = "Consumer name.")
  private String consumer;

  ConsumerDeregisterCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected void validate() {
    StreamNames.validate(stream);
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
