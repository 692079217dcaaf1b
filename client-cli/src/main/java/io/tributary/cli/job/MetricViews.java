package io.tributary.cli.job;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.cli.output.Human;
import io.tributary.cli.output.Output;
import io.tributary.cli.output.Table;
import io.tributary.proto.v1.SubtaskDescription;
import io.tributary.proto.v1.VertexDescription;
import java.util.Map;
import java.util.TreeMap;

/**
 * A vertex's user metrics (what its operators, sources and sinks registered) summed over its
 * subtasks, as a table and in JSON. Stateless.
 *
 * <p>The largest single subtask's value is shown beside the sum because a gauge (an age, a backlog)
 * means little summed, while a counter's sum is the vertex's total.
 */
final class MetricViews {
  private MetricViews() {}

  /** Sum and largest subtask value of one metric. */
  record Total(long sum, long max) {}

  /** Every user metric of the vertex by name, sorted; empty when no subtask reported any. */
  static Map<String, Total> totals(VertexDescription v) {
    Map<String, Total> totals = new TreeMap<>();
    for (SubtaskDescription s : v.getSubtasksList()) {
      s.getMetricsMap().forEach((name, value) -> totals.merge(name, new Total(value, value),
          (a, b) -> new Total(a.sum() + b.sum(), Math.max(a.max(), b.max()))));
    }
    return totals;
  }

  /** Prints "Metrics:" and a table of the vertex's user metrics, or nothing when it has none. */
  static void print(VertexDescription v, Output output) {
    Map<String, Total> totals = totals(v);
    if (totals.isEmpty()) {
      return;
    }
    Table table = Table.of("METRIC", "SUM", "MAX SUBTASK").alignRight(1, 2);
    totals.forEach((name, total) -> table.row(name, Human.count(total.sum()), Human.count(total.max())));
    output.line("Metrics (" + v.getSubtasksCount() + " subtasks of vertex " + v.getVertexId() + "):");
    output.table(table);
  }

  /** Adds {@code "metrics": {name: sum}} to a vertex's JSON. */
  static void addTotals(ObjectNode vertex, VertexDescription v) {
    ObjectNode metrics = vertex.putObject("metrics");
    totals(v).forEach((name, total) -> metrics.put(name, total.sum()));
  }

  /** Adds {@code "metrics": {name: value}} to a subtask's JSON, sorted by name. */
  static void addSubtask(ObjectNode subtask, SubtaskDescription s) {
    ObjectNode metrics = subtask.putObject("metrics");
    new TreeMap<>(s.getMetricsMap()).forEach(metrics::put);
  }
}
