package io.tributary.cli.job;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.cli.output.Human;
import io.tributary.cli.output.Json;
import io.tributary.cli.output.Output;
import io.tributary.cli.output.Table;
import io.tributary.proto.v1.JobDescription;
import io.tributary.proto.v1.JobState;
import io.tributary.proto.v1.SubtaskDescription;
import io.tributary.proto.v1.TaskState;
import io.tributary.proto.v1.VertexDescription;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Jobs as tables and JSON documents, the same for every job command. Stateless. */
public final class JobViews {
  private JobViews() {}

  /** "RUNNING" for JOB_RUNNING. */
  public static String state(JobState state) {
    return state.name().startsWith("JOB_") ? state.name().substring(4) : state.name();
  }

  /** "RUNNING" for TASK_RUNNING. */
  public static String state(TaskState state) {
    return state.name().startsWith("TASK_") ? state.name().substring(5) : state.name();
  }

  /** The first line of a failure text: the exception class and message. */
  public static String firstLine(String failure) {
    String text = failure.strip();
    if (text.isEmpty()) {
      return "(no failure text)";
    }
    int newline = text.indexOf('\n');
    return (newline < 0 ? text : text.substring(0, newline)).strip();
  }

  /**
   * Prints why a job did not finish on stderr, {@code JobFailed: ...} or {@code JobCanceled: ...},
   * with the whole failure text when {@code verbose}.
   */
  public static void printEnd(JobDescription end, boolean verbose, PrintWriter err) {
    if (end.getState() == JobState.JOB_FAILED) {
      err.println("JobFailed: job " + end.getJobId() + " failed: " + firstLine(end.getFailure())
          + (verbose ? "" : " (the whole failure: 'trib job describe " + end.getJobId() + "' or --verbose)"));
      if (verbose && !end.getFailure().isEmpty()) {
        err.println(end.getFailure().stripTrailing());
      }
    } else {
      err.println("JobCanceled: job " + end.getJobId() + " was canceled");
    }
    err.flush();
  }

  public static boolean ended(JobState state) {
    return state == JobState.JOB_FINISHED || state == JobState.JOB_FAILED || state == JobState.JOB_CANCELED;
  }

  /** From submission to the end, or to {@code nowMillis} while the job runs. */
  public static Duration duration(JobDescription d, long nowMillis) {
    long end = d.getEndTimeMs() > 0 ? d.getEndTimeMs() : nowMillis;
    return Duration.ofMillis(Math.max(0, end - d.getSubmitTimeMs()));
  }

  /** From the moment every subtask ran to the end: what the job's own work took; null if unknown. */
  public static Duration netRunTime(JobDescription d) {
    if (d.getRunningTimeMs() <= 0 || d.getEndTimeMs() <= 0) {
      return null;
    }
    return Duration.ofMillis(Math.max(0, d.getEndTimeMs() - d.getRunningTimeMs()));
  }

  public static Table listTable(List<JobDescription> jobs, long nowMillis) {
    Table table = Table.of("ID", "NAME", "STATE", "PARALLELISM", "STARTED", "DURATION").alignRight(3);
    for (JobDescription d : jobs) {
      table.row(d.getJobId(), d.getName(), state(d.getState()), d.getParallelism(),
          Human.time(d.getSubmitTimeMs()), Human.duration(duration(d, nowMillis)));
    }
    return table;
  }

  public static ArrayNode listJson(List<JobDescription> jobs) {
    ArrayNode array = Json.array();
    for (JobDescription d : jobs) {
      array.add(summaryJson(d));
    }
    return array;
  }

  private static ObjectNode summaryJson(JobDescription d) {
    ObjectNode job = Json.object()
        .put("id", d.getJobId())
        .put("name", d.getName())
        .put("state", state(d.getState()))
        .put("parallelism", d.getParallelism())
        .put("maxParallelism", d.getMaxParallelism())
        .put("submitted", Instant.ofEpochMilli(d.getSubmitTimeMs()).toString());
    job.put("running", d.getRunningTimeMs() > 0 ? Instant.ofEpochMilli(d.getRunningTimeMs()).toString() : null);
    job.put("ended", d.getEndTimeMs() > 0 ? Instant.ofEpochMilli(d.getEndTimeMs()).toString() : null);
    Duration net = netRunTime(d);
    job.put("netRunTimeMs", net == null ? null : net.toMillis());
    job.put("failure", d.getFailure().isEmpty() ? null : d.getFailure());
    return job;
  }

  public static ObjectNode descriptionJson(JobDescription d) {
    ObjectNode job = summaryJson(d);
    Totals totals = Totals.of(d);
    job.put("recordsIn", totals.recordsIn()).put("recordsOut", totals.recordsOut());
    CheckpointViews.addTo(job, d);
    ArrayNode vertices = job.putArray("vertices");
    for (VertexDescription v : d.getVerticesList()) {
      ObjectNode vertex = vertices.addObject()
          .put("id", v.getVertexId())
          .put("name", v.getName())
          .put("parallelism", v.getParallelism());
      ObjectNode counts = vertex.putObject("states");
      stateCounts(v).forEach(counts::put);
      MetricViews.addTotals(vertex, v);
      ArrayNode subtasks = vertex.putArray("subtasks");
      for (SubtaskDescription s : v.getSubtasksList()) {
        ObjectNode subtask = subtasks.addObject()
            .put("subtask", s.getSubtask())
            .put("state", state(s.getState()))
            .put("workerId", s.getWorkerId())
            .put("workerAddress", s.getWorkerAddress())
            .put("recordsIn", s.getRecordsIn())
            .put("recordsOut", s.getRecordsOut())
            .put("backPressuredMs", s.getBackPressuredMs());
        MetricViews.addSubtask(subtask, s);
        subtask.put("failure", s.getFailure().isEmpty() ? null : s.getFailure());
      }
    }
    return job;
  }

  /** Subtasks per state, e.g. {RUNNING=2, FINISHED=1}, in state order. */
  public static Map<String, Integer> stateCounts(VertexDescription v) {
    Map<TaskState, Integer> byState = new TreeMap<>();
    for (SubtaskDescription s : v.getSubtasksList()) {
      byState.merge(s.getState(), 1, Integer::sum);
    }
    Map<String, Integer> named = new java.util.LinkedHashMap<>();
    byState.forEach((state, n) -> named.put(state(state), n));
    return named;
  }

  public static void printDescription(JobDescription d, long nowMillis, Output output) {
    output.line("Job:          " + d.getJobId() + " '" + d.getName() + "'");
    output.line("State:        " + state(d.getState()));
    output.line("Parallelism:  " + d.getParallelism() + " (max " + d.getMaxParallelism() + ")");
    output.line("Submitted:    " + Human.time(d.getSubmitTimeMs()) + ", "
        + Human.duration(duration(d, nowMillis)) + (d.getEndTimeMs() > 0 ? " until it ended" : " ago"));
    Duration net = netRunTime(d);
    if (net != null) {
      output.line("Run time:     " + Human.duration(net) + " from all subtasks running to the end");
    }
    Totals totals = Totals.of(d);
    output.line("Records:      " + Human.count(totals.recordsIn()) + " in, " + Human.count(totals.recordsOut())
        + " out (all subtasks)");
    CheckpointViews.printRecovery(d, output);
    for (VertexDescription v : d.getVerticesList()) {
      output.line("");
      output.line("Vertex " + v.getVertexId() + ": " + v.getName() + " (parallelism " + v.getParallelism() + "; "
          + counts(stateCounts(v)) + ")");
      output.table(subtasksTable(v));
      MetricViews.print(v, output);
    }
    CheckpointViews.printHistory(d, output);
    if (!d.getFailure().isEmpty()) {
      output.line("");
      output.line("Failure:");
      output.line(d.getFailure().stripTrailing());
    }
  }

  private static Table subtasksTable(VertexDescription v) {
    Table table = Table.of("SUBTASK", "STATE", "WORKER", "ADDRESS", "RECORDS IN", "RECORDS OUT", "BACK-PRESSURED")
        .alignRight(0, 4, 5, 6);
    for (SubtaskDescription s : v.getSubtasksList()) {
      table.row(s.getSubtask(), state(s.getState()), blankAsDash(s.getWorkerId()), blankAsDash(s.getWorkerAddress()),
          Human.count(s.getRecordsIn()), Human.count(s.getRecordsOut()),
          Human.duration(Duration.ofMillis(s.getBackPressuredMs())));
    }
    return table;
  }

  /** "2 RUNNING, 1 FINISHED". */
  static String counts(Map<String, Integer> counts) {
    if (counts.isEmpty()) {
      return "no subtasks";
    }
    StringBuilder text = new StringBuilder();
    counts.forEach((state, n) -> text.append(text.length() == 0 ? "" : ", ").append(n).append(' ').append(state));
    return text.toString();
  }

  private static String blankAsDash(String text) {
    return text.isEmpty() ? null : text;
  }

  /** Subtask counts and records summed over every subtask of a job. */
  record Totals(int subtasks, int running, int finished, long recordsIn, long recordsOut) {
    static Totals of(JobDescription d) {
      int subtasks = 0;
      int running = 0;
      int finished = 0;
      long in = 0;
      long out = 0;
      for (VertexDescription v : d.getVerticesList()) {
        for (SubtaskDescription s : v.getSubtasksList()) {
          subtasks++;
          running += s.getState() == TaskState.TASK_RUNNING ? 1 : 0;
          finished += s.getState() == TaskState.TASK_FINISHED ? 1 : 0;
          in += s.getRecordsIn();
          out += s.getRecordsOut();
        }
      }
      return new Totals(subtasks, running, finished, in, out);
    }
  }
}
