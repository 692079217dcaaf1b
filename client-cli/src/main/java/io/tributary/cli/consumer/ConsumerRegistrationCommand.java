package io.tributary.cli.consumer;

import io.tributary.cli.CliContext;
import io.tributary.cli.ClientCommand;
import io.tributary.common.stream.StreamNames;
import picocli.CommandLine.Parameters;

/**
 * What register and deregister share: a stream and a push consumer's name. Confined to the
 * command's thread.
 */
abstract class ConsumerRegistrationCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "Stream name.")
  protected String stream;

  @Parameters(index = "1", paramLabel = "CONSUMER", description = "Consumer name.")
  protected String consumer;

  protected ConsumerRegistrationCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected final void validate() {
    StreamNames.validate(stream);
  }
}
