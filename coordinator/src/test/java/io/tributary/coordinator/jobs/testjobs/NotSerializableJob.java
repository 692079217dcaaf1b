package io.tributary.coordinator.jobs.testjobs;

import io.tributary.api.graph.ChainedNode;
import io.tributary.api.graph.JobExecutors;
import io.tributary.api.graph.JobPlan;
import io.tributary.api.graph.JobVertex;
import java.io.Serializable;
import java.util.List;

/** A job main whose operator holds a field that cannot be serialized. */
public final class NotSerializableJob {
  private NotSerializableJob() {}

  /** Serializable itself, but its field is not. */
  public record Holder(Object resource) implements Serializable {}

  public static void main(String[] args) throws Exception {
    ChainedNode node = new ChainedNode(1, "holder", new Holder(new Object()), null, List.of());
    JobExecutors.current().execute(new JobPlan("bad", 128, true, List.of(new JobVertex(1, "holder", 1,
        List.of(node), List.of(), List.of()))));
  }
}
