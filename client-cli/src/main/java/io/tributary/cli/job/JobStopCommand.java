package io.tributary.cli.job;

import io.tributary.cli.CliContext;
import io.tributary.cli.output.Output;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code trib job stop}. Confined to the command's thread. */
@Command(
    name = "stop",
    mixinStandardHelpOptions = true,
    description = {
      "Stop a job with a savepoint: its state is saved, then its subtasks stop (state CANCELED, or FINISHED",
      "with --drain). Prints the savepoint's directory; 'trib job run --from-savepoint DIR' continues the job."
    })
public final class JobStopCommand extends JobClientCommand {
  @Parameters(index = "0", paramLabel = "ID", description = "Job id (see 'trib job list').")
  private String id;

  @Option(names = "--savepoint-dir", paramLabel = "DIR",
      description = "Directory to create the savepoint under, reachable by every worker (default: the cluster's).")
  private Path dir;

  @Option(names = "--drain",
      description = "End the sources first and advance event time to the end, so that every timer and window fires.")
  private boolean drain;

  JobStopCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected void validate() {
    validateJobId(id);
  }

  @Override
  protected int run(JobClient jobs, Output output) {
    JobSavepointCommand.print(
        jobs.stop(id, JobSavepointCommand.absolute(dir), drain, JobSavepointCommand.SAVEPOINT_TIMEOUT), output);
    return 0;
  }
}
