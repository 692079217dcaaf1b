package io.tributary.cli.job;

import io.tributary.cli.CliContext;
import io.tributary.cli.output.Output;
import io.tributary.proto.v1.JobDescription;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code trib job list}: newest first. Confined to the command's thread. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List jobs, newest first.")
public final class JobListCommand extends JobClientCommand {
  JobListCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected int run(JobClient jobs, Output output) {
    List<JobDescription> list = jobs.list().stream()
        .sorted(Comparator.comparingLong(JobDescription::getSubmitTimeMs).reversed()
            .thenComparing(JobDescription::getJobId))
        .toList();
    if (output.json()) {
      output.json(JobViews.listJson(list));
    } else if (list.isEmpty()) {
      output.line("No jobs; submit one with 'trib job run JAR'.");
    } else {
      output.table(JobViews.listTable(list, ctx.clock().millis()));
    }
    return 0;
  }
}
