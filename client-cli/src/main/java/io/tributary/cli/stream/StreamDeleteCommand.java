package io.tributary.cli.stream;

import io.tributary.cli.CliContext;
import io.tributary.cli.ClientCommand;
import io.tributary.cli.output.Json;
import io.tributary.cli.output.Output;
import io.tributary.client.TributaryClient;
import io.tributary.common.stream.StreamNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code trib stream delete}. Confined to the command's thread. */
@Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a stream and all its records.")
public final class StreamDeleteCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "Stream name.")
  private String name;

  StreamDeleteCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected void validate() {
    StreamNames.validate(name);
  }

  @Override
  protected int run(TributaryClient client, Output output) {
    client.deleteStream(name);
    if (output.json()) {
      output.json(Json.object().put("stream", name).put("deleted", true));
    } else {
      output.line("Deleted stream '" + name + "'.");
    }
    return 0;
  }
}
