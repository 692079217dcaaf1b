package io.tributary.cli.job;

import io.tributary.cli.job.JobViews.Totals;
import io.tributary.cli.output.Human;
import io.tributary.common.error.Errors;
import io.tributary.proto.v1.JobDescription;
import io.tributary.proto.v1.JobState;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * Follows a job until it ends: polls DescribeJob and prints a progress line when the state or the
 * subtask counts change, and at least every few seconds while it runs. Confined to one thread.
 * <p>Progress goes to stderr, so that stdout keeps only the command's result (one JSON document
 * with {@code --output json}).
 */
public final class JobFollower {
  /** How often the job is polled. */
  public static final Duration POLL = Duration.ofMillis(500);
  /** How often a running job is reported when nothing else changed. */
  public static final Duration REPORT = Duration.ofSeconds(5);

  private final JobClient jobs;
  private final PrintWriter progress;
  private final Duration poll;
  private final Duration report;

  public JobFollower(JobClient jobs, PrintWriter progress, Duration poll, Duration report) {
    this.jobs = jobs;
    this.progress = progress;
    this.poll = poll;
    this.report = report;
  }

  /**
   * Returns the job's description once it has ended. A job that never ends (a streaming source)
   * is followed until the command is interrupted; each poll has the client's own deadline.
   */
  public JobDescription follow(String jobId) {
    String last = null;
    long lastPrint = System.nanoTime();
    long start = lastPrint;
    while (true) {
      JobDescription d = jobs.describe(jobId);
      String line = line(d);
      long now = System.nanoTime();
      if (!line.equals(last) || now - lastPrint >= report.toNanos() || JobViews.ended(d.getState())) {
        progress.println(Human.duration(Duration.ofNanos(now - start)) + "  " + line + records(d));
        progress.flush();
        last = line;
        lastPrint = now;
      }
      if (JobViews.ended(d.getState())) {
        return d;
      }
      pause();
    }
  }

  /** The part of a progress line whose change is worth a line of its own. */
  static String line(JobDescription d) {
    Totals t = Totals.of(d);
    String text = "job " + d.getJobId().substring(0, Math.min(8, d.getJobId().length())) + " "
        + JobViews.state(d.getState());
    if (d.getState() == JobState.JOB_CREATED || t.subtasks() == 0) {
      return text;
    }
    return text + ": " + t.running() + "/" + t.subtasks() + " subtasks running, " + t.finished() + " finished";
  }

  private static String records(JobDescription d) {
    Totals t = Totals.of(d);
    return t.subtasks() == 0 ? ""
        : "; records in " + Human.count(t.recordsIn()) + ", out " + Human.count(t.recordsOut());
  }

  private void pause() {
    try {
      Thread.sleep(poll.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Errors.unavailable("interrupted while following the job; it keeps running ('trib job cancel ID' stops it)");
    }
  }
}
