package io.tributary.cli.job;

import io.tributary.cli.CliContext;
import io.tributary.cli.output.Output;
import io.tributary.proto.v1.JobDescription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code trib job describe}. Confined to the command's thread. */
@Command(
    name = "describe",
    mixinStandardHelpOptions = true,
    description = "Describe a job: state, times, vertices with their subtasks (worker, state, records,"
        + " back-pressure) and the failure in full.")
public final class JobDescribeCommand extends JobClientCommand {
  @Parameters(index = "0", paramLabel = "ID", description = "Job id (see 'trib job list').")
  private String id;

  JobDescribeCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected void validate() {
    validateJobId(id);
  }

  @Override
  protected int run(JobClient jobs, Output output) {
    JobDescription description = jobs.describe(id);
    if (output.json()) {
      output.json(JobViews.descriptionJson(description));
    } else {
      JobViews.printDescription(description, ctx.clock().millis(), output);
    }
    return 0;
  }
}
