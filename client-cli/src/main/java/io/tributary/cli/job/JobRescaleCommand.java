package io.tributary.cli.job;

import io.tributary.cli.CliContext;
import io.tributary.cli.output.Output;
import io.tributary.proto.v1.JobDescription;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code trib job rescale}. Confined to the command's thread. */
@Command(
    name = "rescale",
    mixinStandardHelpOptions = true,
    description = {
      "Change a job's parallelism: stop it with a savepoint, then run the same jar and arguments from it at",
      "the new parallelism (keyed state moves by key group, so the max parallelism stays). Prints the job",
      "that now runs."
    })
public final class JobRescaleCommand extends JobClientCommand {
  /** Stop with a savepoint, then submit and deploy again. */
  static final Duration RESCALE_TIMEOUT = JobSavepointCommand.SAVEPOINT_TIMEOUT.plus(JobRunCommand.SUBMIT_TIMEOUT);

  @Parameters(index = "0", paramLabel = "ID", description = "Job id (see 'trib job list').")
  private String id;

  @Option(names = "--parallelism", paramLabel = "N", required = true,
      description = "The new parallelism of operators that set none.")
  private int parallelism;

  JobRescaleCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected void validate() {
    validateJobId(id);
    if (parallelism < 1 || parallelism > JobRunCommand.MAX_PARALLELISM) {
      throw usage("--parallelism " + parallelism + " is out of range; use 1 to " + JobRunCommand.MAX_PARALLELISM);
    }
  }

  @Override
  protected int run(JobClient jobs, Output output) {
    JobDescription rescaled = jobs.rescale(id, parallelism, RESCALE_TIMEOUT);
    if (output.json()) {
      output.json(JobViews.descriptionJson(rescaled));
    } else {
      output.line("Job " + rescaled.getJobId() + " '" + rescaled.getName() + "' is " + JobViews.state(rescaled.getState())
          + " at parallelism " + rescaled.getParallelism() + (rescaled.hasLastRestore()
              ? ", restored from " + rescaled.getLastRestore().getPath() : "") + ".");
    }
    return 0;
  }
}
