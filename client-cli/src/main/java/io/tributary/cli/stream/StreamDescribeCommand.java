package io.tributary.cli.stream;

import io.tributary.cli.CliContext;
import io.tributary.cli.ClientCommand;
import io.tributary.cli.output.Output;
import io.tributary.client.TributaryClient;
import io.tributary.common.stream.StreamNames;
import io.tributary.proto.v1.StreamDescription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code trib stream describe}. Confined to the command's thread. */
@Command(
    name = "describe",
    mixinStandardHelpOptions = true,
    description = "Describe a stream and its shards: hash range, parents, state, leader, replicas, ISR, sequences.")
public final class StreamDescribeCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "Stream name.")
  private String name;

  StreamDescribeCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected void validate() {
    StreamNames.validate(name);
  }

  @Override
  protected int run(TributaryClient client, Output output) {
    StreamDescription description = client.describeStream(name, true);
    if (output.json()) {
      output.json(StreamViews.descriptionJson(description));
    } else {
      StreamViews.printDescription(description, output);
    }
    return 0;
  }
}
