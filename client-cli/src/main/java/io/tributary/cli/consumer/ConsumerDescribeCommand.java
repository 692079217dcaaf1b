package io.tributary.cli.consumer;

import io.tributary.cli.CliContext;
import io.tributary.cli.ClientCommand;
import io.tributary.cli.output.Output;
import io.tributary.client.TributaryClient;
import io.tributary.client.app.ApplicationOptions;
import io.tributary.client.app.ApplicationState;
import io.tributary.client.app.Applications;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.common.stream.StreamNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code trib consumer describe}. Confined to the command's thread. */
@Command(
    name = "describe",
    mixinStandardHelpOptions = true,
    description = {
      "Leases, owners, checkpoints and lag per shard of a consumer application.",
      "Lag is the number of readable records after the checkpoint."
    })
public final class ConsumerDescribeCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "Stream name.")
  private String stream;

  @Parameters(index = "1", paramLabel = "APP", description = "Application name.")
  private String app;

  ConsumerDescribeCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected void validate() {
    StreamNames.validate(stream);
  }

  @Override
  protected int run(TributaryClient client, Output output) {
    ApplicationState state = Applications.find(client, stream, app, ApplicationOptions.defaults())
        .orElseThrow(() -> new TributaryException(ErrorCode.RESOURCE_NOT_FOUND, "consumer application '" + app
            + "' of stream '" + stream + "' has never run; list them with 'trib consumer list " + stream + "'"));
    if (output.json()) {
      output.json(ConsumerViews.describeJson(state));
    } else {
      ConsumerViews.printDescription(state, output);
    }
    return 0;
  }
}
