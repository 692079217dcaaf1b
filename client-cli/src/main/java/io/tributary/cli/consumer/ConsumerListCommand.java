package io.tributary.cli.consumer;

import io.tributary.cli.CliContext;
import io.tributary.cli.ClientCommand;
import io.tributary.cli.output.Output;
import io.tributary.client.TributaryClient;
import io.tributary.client.app.ApplicationOptions;
import io.tributary.client.app.ApplicationSummary;
import io.tributary.client.app.Applications;
import io.tributary.common.stream.StreamNames;
import io.tributary.proto.v1.RegisteredConsumer;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code trib consumer list}. Confined to the command's thread. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = {
      "List the registered push consumers and the consumer applications of a stream.",
      "--output json prints one array of {name, type: registered|application, ...}."
    })
public final class ConsumerListCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "Stream name.")
  private String stream;

  ConsumerListCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected void validate() {
    StreamNames.validate(stream);
  }

  @Override
  protected int run(TributaryClient client, Output output) {
    List<RegisteredConsumer> registered = client.listConsumers(stream);
    List<ApplicationSummary> apps = Applications.summaries(client, stream, ApplicationOptions.defaults());
    if (output.json()) {
      output.json(ConsumerViews.listJson(registered, apps));
    } else if (registered.isEmpty() && apps.isEmpty()) {
      output.line("No consumers of stream '" + stream + "'.");
    } else {
      output.table(ConsumerViews.listTable(registered, apps));
    }
    return 0;
  }
}
