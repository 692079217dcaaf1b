package io.tributary.cli.job;

import com.google.protobuf.ByteString;
import io.tributary.cli.CliContext;
import io.tributary.cli.output.Human;
import io.tributary.cli.output.Output;
import io.tributary.proto.v1.JobDescription;
import io.tributary.proto.v1.JobState;
import io.tributary.proto.v1.SubmitJobRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code trib job run}: submits a job jar and, unless detached, follows the job to its end.
 * Confined to the command's thread.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Submit a job: the coordinator runs the jar's main class to build the job, then deploys it on the workers.",
      "Without --detached, follows the job (progress on stderr) and exits 0 when it FINISHED, 1 when it FAILED",
      "(with 'JobFailed: <first line of the failure>') or was canceled. Interrupting the command leaves the",
      "job running; 'trib job cancel ID' stops it. Arguments after '--' go to the job's main."
    })
public final class JobRunCommand extends JobClientCommand {
  /** Covers running the job's main and deploying every subtask. */
  static final Duration SUBMIT_TIMEOUT = Duration.ofMinutes(2);
  static final int MAX_PARALLELISM = 32_768;

  @Parameters(index = "0", paramLabel = "JAR", description = "The job's jar (its classes and dependencies).")
  private Path jar;

  @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments of the job's main, after '--'.")
  private List<String> args = new ArrayList<>();

  @Option(names = "--class", paramLabel = "MAIN", description = "Main class (default: the jar manifest's Main-Class).")
  private String mainClass;

  @Option(names = "--parallelism", paramLabel = "N", description = "Parallelism of operators that set none (default 1).")
  private Integer parallelism;

  @Option(names = "--max-parallelism", paramLabel = "N",
      description = "Upper bound of parallelism and number of key groups (default 128).")
  private Integer maxParallelism;

  @Option(names = "--from-savepoint", paramLabel = "PATH", description = "Start from a savepoint or retained checkpoint directory (the one holding _metadata)"
          + " instead of a fresh start; its state is matched to the job's operators by their ids.")
  private Path savepoint;

  @Option(names = "--detached", description = "Print the job id (with --output json: its description) and return.")
  private boolean detached;

  @Option(names = "--verbose", description = "When the job fails, print its whole failure (stack trace) on stderr.")
  private boolean verbose;

  private JobJar jobJar;

  JobRunCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected void validate() {
    if (parallelism != null && (parallelism < 1 || parallelism > MAX_PARALLELISM)) {
      throw usage("--parallelism " + parallelism + " is out of range; use 1 to " + MAX_PARALLELISM);
    }
    if (maxParallelism != null && (maxParallelism < 1 || maxParallelism > MAX_PARALLELISM)) {
      throw usage("--max-parallelism " + maxParallelism + " is out of range; use 1 to " + MAX_PARALLELISM);
    }
    if (maxParallelism != null && parallelism != null && parallelism > maxParallelism) {
      throw usage("--parallelism " + parallelism + " exceeds --max-parallelism " + maxParallelism);
    }
    if (mainClass != null && !mainClass.matches("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*")) {
      throw usage("--class '" + mainClass + "' is not a class name; give the fully qualified name, e.g. com.example.WordCount");
    }
    jobJar = JobJar.read(jar);
  }

  @Override
  protected int run(JobClient jobs, Output output) {
    SubmitJobRequest.Builder request = SubmitJobRequest.newBuilder()
        .setJar(ByteString.copyFrom(jobJar.bytes()))
        .addAllArgs(args);
    if (mainClass != null) {
      request.setMainClass(mainClass);
    }
    if (parallelism != null) {
      request.setParallelism(parallelism);
    }
    if (maxParallelism != null) {
      request.setMaxParallelism(maxParallelism);
    }
    if (savepoint != null) {
      request.setFromSavepoint(JobSavepointCommand.absolute(savepoint));
    }
    JobDescription submitted = jobs.submit(request.build(), SUBMIT_TIMEOUT);
    if (detached) {
      if (output.json()) {
        output.json(JobViews.descriptionJson(submitted));
      } else {
        output.line(submitted.getJobId());
      }
      return 0;
    }
    ctx.err().println("Submitted job " + submitted.getJobId() + " '" + submitted.getName() + "' (parallelism "
        + submitted.getParallelism() + ").");
    JobDescription end = new JobFollower(jobs, ctx.err(), JobFollower.POLL, JobFollower.REPORT)
        .follow(submitted.getJobId());
    return report(end, output);
  }

  private int report(JobDescription end, Output output) {
    if (output.json()) {
      output.json(JobViews.descriptionJson(end));
    } else {
      Duration net = JobViews.netRunTime(end);
      output.line("Job " + end.getJobId() + " '" + end.getName() + "' " + JobViews.state(end.getState()) + " after "
          + Human.duration(JobViews.duration(end, ctx.clock().millis()))
          + (net == null ? "." : " (run time " + Human.duration(net) + ")."));
    }
    output.flush();
    if (end.getState() == JobState.JOB_FINISHED) {
      return 0;
    }
    JobViews.printEnd(end, verbose, ctx.err());
    return 1;
  }
}
