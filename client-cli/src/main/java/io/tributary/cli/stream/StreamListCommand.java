package io.tributary.cli.stream;

import io.tributary.cli.CliContext;
import io.tributary.cli.ClientCommand;
import io.tributary.cli.output.Output;
import io.tributary.client.TributaryClient;
import io.tributary.proto.v1.StreamSummary;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code trib stream list}. Confined to the command's thread. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List streams.")
public final class StreamListCommand extends ClientCommand {
  StreamListCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected int run(TributaryClient client, Output output) {
    List<StreamSummary> streams = client.listStreams().stream()
        .sorted(Comparator.comparing(StreamSummary::getName))
        .toList();
    if (output.json()) {
      output.json(StreamViews.summariesJson(streams));
    } else if (streams.isEmpty()) {
      output.line("No streams; create one with 'trib stream create NAME --shards N'.");
    } else {
      output.table(StreamViews.summariesTable(streams));
    }
    return 0;
  }
}
