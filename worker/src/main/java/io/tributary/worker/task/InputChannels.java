package io.tributary.worker.task;

import io.tributary.api.graph.JobEdge;
import io.tributary.api.graph.JobPlan;
import io.tributary.api.graph.JobVertex;
import io.tributary.api.graph.Partitioning;
import io.tributary.worker.TaskKey;
import io.tributary.worker.exchange.ChannelSpec;
import java.util.ArrayList;
import java.util.List;

/** Builds the input channels of a consuming subtask from where its producers run. Stateless. */
public final class InputChannels {
  private InputChannels() {}

  /**
   * One channel per producer subtask of each input edge; a forward edge reads only its twin subtask.
   *
   * @param producerAddresses per input edge (in {@link JobVertex#inputs()} order), the address of each
   *     producer subtask
   */
  public static List<ChannelSpec> of(JobPlan plan, JobVertex vertex, TaskKey key, List<List<String>> producerAddresses) {
    List<ChannelSpec> channels = new ArrayList<>();
    for (int e = 0; e < vertex.inputs().size(); e++) {
      JobEdge edge = vertex.inputs().get(e);
      List<String> where = producerAddresses.get(e);
      int producers = plan.vertex(edge.sourceVertex()).parallelism();
      if (where.size() != producers) {
        throw new IllegalArgumentException("input " + e + " of " + key + " locates " + where.size()
            + " producers, but its source vertex has parallelism " + producers);
      }
      for (int p = 0; p < producers; p++) {
        if (edge.partitioning() instanceof Partitioning.Forward && p != key.subtask()) {
          continue;
        }
        TaskKey producer = new TaskKey(key.jobId(), edge.sourceVertex(), p, key.attempt());
        channels.add(new ChannelSpec(edge.targetInput(), producer, edge.outputIndex(), key.subtask(), where.get(p)));
      }
    }
    return channels;
  }
}
