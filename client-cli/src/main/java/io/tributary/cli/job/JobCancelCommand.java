package io.tributary.cli.job;

import io.tributary.cli.CliContext;
import io.tributary.cli.output.Output;
import io.tributary.proto.v1.JobDescription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code trib job cancel}. Confined to the command's thread. */
@Command(
    name = "cancel",
    mixinStandardHelpOptions = true,
    description = "Cancel a job: its subtasks stop and release their slots.")
public final class JobCancelCommand extends JobClientCommand {
  @Parameters(index = "0", paramLabel = "ID", description = "Job id (see 'trib job list').")
  private String id;

  JobCancelCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected void validate() {
    validateJobId(id);
  }

  @Override
  protected int run(JobClient jobs, Output output) {
    JobDescription description = jobs.cancel(id);
    if (output.json()) {
      output.json(JobViews.descriptionJson(description));
    } else {
      output.line("Job " + description.getJobId() + " '" + description.getName() + "' is "
          + JobViews.state(description.getState()) + ".");
    }
    return 0;
  }
}
