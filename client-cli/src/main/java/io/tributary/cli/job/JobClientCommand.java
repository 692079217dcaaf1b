package io.tributary.cli.job;

import io.tributary.cli.CliContext;
import io.tributary.cli.ClientCommand;
import io.tributary.cli.Trib;
import io.tributary.cli.output.Output;
import io.tributary.client.TributaryClient;
import io.tributary.common.error.Errors;

/**
 * A command that talks to the coordinators' JobControl service. Confined to the command's thread.
 */
public abstract class JobClientCommand extends ClientCommand {
  protected JobClientCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected final int run(TributaryClient client, Output output) throws Exception {
    try (JobClient jobs = new JobClient(client, Trib.of(spec).clientOptions(spec))) {
      return run(jobs, output);
    }
  }

  /** Runs the command; returns its exit status. */
  protected abstract int run(JobClient jobs, Output output) throws Exception;

  /** Checks the form of a job id (32 hex digits) before asking anybody about it, as stream names are. */
  protected static void validateJobId(String id) {
    if (!id.matches("[0-9a-fA-F]{32}")) {
      throw Errors.invalid("'" + id + "' is not a job id; job ids are 32 hex digits, list them with 'trib job list'");
    }
  }
}
