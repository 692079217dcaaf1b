package io.tributary.cli.consumer;

import io.tributary.cli.CliContext;
import io.tributary.cli.ClientCommand;
import io.tributary.cli.output.Output;
import io.tributary.cli.stream.ScalingViews;
import io.tributary.client.TributaryClient;
import io.tributary.common.stream.StreamNames;
import io.tributary.proto.v1.RegisteredConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code trib consumer register}. Confined to the command's thread. */
@Command(
    name = "register",
    mixinStandardHelpOptions = true,
    description = "Register a push consumer on a stream: its subscriptions get a read quota of their own.")
public final class ConsumerRegisterCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "Stream name.")
  private String stream;

  @Parameters(index = "1", paramLabel = "CONSUMER", description = "Consumer name.")
  private String consumer;

  ConsumerRegisterCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected void validate() {
    StreamNames.validate(stream);
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
