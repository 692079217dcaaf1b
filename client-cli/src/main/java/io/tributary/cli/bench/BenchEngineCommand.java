package io.tributary.cli.bench;

import com.google.protobuf.ByteString;
import io.tributary.cli.CliContext;
import io.tributary.cli.job.JobClient;
import io.tributary.cli.job.JobClientCommand;
import io.tributary.cli.job.JobFollower;
import io.tributary.cli.job.JobJar;
import io.tributary.cli.job.JobViews;
import io.tributary.cli.output.Output;
import io.tributary.common.error.Errors;
import io.tributary.proto.v1.JobDescription;
import io.tributary.proto.v1.JobState;
import io.tributary.proto.v1.SubmitJobRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code trib bench engine}: runs one of the two benchmark jobs of the distribution on the running
 * cluster and reports events per second over the job's net run time. Confined to the command's
 * thread. The jobs are the ones Flink was measured with, so the figures compare.
 */
@Command(name = "engine", mixinStandardHelpOptions = true,
    description = {
      "Benchmark the stream-processing engine with a job on the running cluster (it needs free slots):",
      "stateless = generator -> map -> filter -> discard; window = generator -> keyBy (10,000 keys)",
      "-> 1 s tumbling event-time window count -> discard. Progress goes to stderr; the last lines are",
      "WALL events=N seconds=S events_per_s=X   (from submission to the end)",
      "RESULT events=N seconds=S events_per_s=X (net run time: from all subtasks running to the end)"
    })
public final class BenchEngineCommand extends JobClientCommand {
  static final long DEFAULT_EVENTS = 10_000_000;
  private static final Duration SUBMIT_TIMEOUT = Duration.ofMinutes(2);

  @Option(names = "--job", required = true, paramLabel = "stateless|window", description = "The benchmark job.")
  private String job;

  @Option(names = "--events", paramLabel = "N", description = "Events the generator produces in all (default 10,000,000).")
  private long events = DEFAULT_EVENTS;

  @Option(names = "--parallelism", paramLabel = "P", description = "Parallelism of every operator (default 2).")
  private int parallelism = 2;

  @Option(names = "--checkpoint-interval", paramLabel = "DURATION",
      description = "Checkpoint every DURATION, e.g. 1s (default 0: no checkpoints); the job's state is written"
          + " to the cluster's checkpoint storage.")
  private String checkpointInterval = "0";

  @Option(names = "--jar", paramLabel = "PATH",
      description = "Jar with the benchmark jobs (default: examples/tributary-examples.jar of the installation).")
  private Path jar;

  BenchEngineCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected void validate() {
    if (!BenchmarkJobs.MAIN_CLASSES.containsKey(job)) {
      throw usage("--job '" + job + "' is not a benchmark job; use one of " + new TreeSet<>(BenchmarkJobs.MAIN_CLASSES.keySet()));
    }
    if (events < 1) {
      throw usage("--events " + events + " must be at least 1");
    }
    if (parallelism < 1) {
      throw usage("--parallelism " + parallelism + " must be at least 1");
    }
    if (!checkpointInterval.matches("0|\\d{1,9}(ms|s|m)")) {
      throw usage("--checkpoint-interval '" + checkpointInterval + "' is not a duration; use e.g. 500ms, 1s, 1m or 0");
    }
  }

  @Override
  protected int run(JobClient jobs, Output output) {
    Path path = jar != null ? jar : BenchmarkJobs.shippedJar();
    SubmitJobRequest request = SubmitJobRequest.newBuilder()
        .setJar(ByteString.copyFrom(JobJar.read(path).bytes()))
        .setMainClass(BenchmarkJobs.MAIN_CLASSES.get(job))
        .addAllArgs(checkpointInterval.equals("0") ? List.of("--events", Long.toString(events))
            : List.of("--events", Long.toString(events), "--checkpoint-interval", checkpointInterval))
        .setParallelism(parallelism)
        .build();
    long start = System.nanoTime();
    JobDescription submitted = jobs.submit(request, SUBMIT_TIMEOUT);
    ctx.err().println("bench engine: job " + submitted.getJobId() + " '" + submitted.getName() + "', " + events
        + " events, parallelism " + parallelism + ", checkpoint interval " + checkpointInterval);
    JobDescription end = new JobFollower(jobs, ctx.err(), JobFollower.POLL, JobFollower.REPORT)
        .follow(submitted.getJobId());
    Duration wall = Duration.ofNanos(System.nanoTime() - start);
    if (end.getState() != JobState.JOB_FINISHED) {
      JobViews.printEnd(end, false, ctx.err());
      return 1;
    }
    Duration net = JobViews.netRunTime(end);
    if (net == null) {
      throw Errors.invalid("the benchmark job " + end.getJobId() + " finished without a running time,"
          + " so its net run time is unknown; see 'trib job describe " + end.getJobId() + "'");
    }
    EngineResult result = new EngineResult(events, net, wall);
    output.line(result.wallLine());
    output.line(result.resultLine());
    return 0;
  }

}
