package io.tributary.cli.job;

import io.tributary.cli.CliContext;
import io.tributary.cli.output.Json;
import io.tributary.cli.output.Output;
import io.tributary.proto.v1.SavepointResult;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code trib job savepoint}. Confined to the command's thread. */
@Command(
    name = "savepoint",
    mixinStandardHelpOptions = true,
    description = {
      "Take a savepoint of a running job: a consistent copy of its state that 'trib job run --from-savepoint'",
      "starts from. The job keeps running. Prints the savepoint's directory once it is complete."
    })
public final class JobSavepointCommand extends JobClientCommand {
  /** A savepoint waits for every subtask to write its state; the checkpoint timeout bounds it too. */
  static final Duration SAVEPOINT_TIMEOUT = Duration.ofMinutes(10);

  @Parameters(index = "0", paramLabel = "ID", description = "Job id (see 'trib job list').")
  private String id;

  @Option(names = "--dir", paramLabel = "DIR",
      description = "Directory to create the savepoint under, reachable by every worker (default: the cluster's).")
  private Path dir;

  JobSavepointCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected void validate() {
    validateJobId(id);
  }

  @Override
  protected int run(JobClient jobs, Output output) {
    SavepointResult result = jobs.savepoint(id, absolute(dir), SAVEPOINT_TIMEOUT);
    print(result, output);
    return 0;
  }

  /** The directory as the coordinator must see it: relative to where the command runs, not to the coordinator. */
  static String absolute(Path dir) {
    return dir == null ? "" : dir.toAbsolutePath().normalize().toString();
  }

  static void print(SavepointResult result, Output output) {
    if (output.json()) {
      output.json(Json.object().put("path", result.getPath()).put("checkpointId", result.getCheckpointId()));
    } else {
      output.line(result.getPath());
    }
  }
}
