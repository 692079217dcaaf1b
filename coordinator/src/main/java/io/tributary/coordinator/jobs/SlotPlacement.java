package io.tributary.coordinator.jobs;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.common.zk.Registrations;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Places every subtask of a job in worker slots, all at once. Stateless.
 *
 * <p>Slots are shared within a job (as in Flink): subtask i of every vertex runs in shared slot i,
 * so a job needs as many slots as its widest vertex and a pipeline's stages sit together. The
 * shared slots go round-robin over the workers with most free slots first, so a vertex spreads
 * over the cluster instead of filling one worker.
 */
public final class SlotPlacement {
  private SlotPlacement() {}

  /** A live worker and how many of its slots are free now. */
  public record FreeSlots(Registrations.Worker worker, int free) {}

  /** Worker of each subtask, by vertex id; LimitExceeded when the job needs more slots than are free. */
  public static Map<Integer, List<Registrations.Worker>> place(PlanShape plan, List<FreeSlots> workers) {
    int needed = plan.slotCount();
    int free = workers.stream().mapToInt(w -> Math.max(0, w.free())).sum();
    if (needed > free) {
      throw notEnough(plan.jobName(), needed, free, workers.size());
    }
    Map<String, Integer> left = new HashMap<>();
    workers.forEach(w -> left.put(w.worker().id(), Math.max(0, w.free())));
    List<Registrations.Worker> sharedSlots = placeVertex(needed, workers, left);
    Map<Integer, List<Registrations.Worker>> placement = new LinkedHashMap<>();
    for (PlanShape.VertexShape vertex : plan.vertices()) {
      placement.put(vertex.id(), List.copyOf(sharedSlots.subList(0, vertex.parallelism())));
    }
    return placement;
  }

  private static List<Registrations.Worker> placeVertex(
      int parallelism, List<FreeSlots> workers, Map<String, Integer> left) {
    List<Registrations.Worker> order = new ArrayList<>(workers.stream().map(FreeSlots::worker).toList());
    order.sort(Comparator.<Registrations.Worker>comparingInt(w -> -left.get(w.id()))
        .thenComparing(Registrations.Worker::id));
    List<Registrations.Worker> chosen = new ArrayList<>(parallelism);
    int next = 0;
    while (chosen.size() < parallelism) {
      Registrations.Worker candidate = order.get(next++ % order.size());
      int slots = left.get(candidate.id());
      if (slots > 0) {
        left.put(candidate.id(), slots - 1);
        chosen.add(candidate);
      }
    }
    return chosen;
  }

  static TributaryException notEnough(String jobName, int needed, int free, int workers) {
    return new TributaryException(ErrorCode.LIMIT_EXCEEDED, "job '" + jobName + "' needs " + needed
        + " task slots but only " + free + " are free on " + workers + " live worker(s); give workers more slots"
        + " ('trib local --slots N' or 'trib worker --slots N'), start more workers, or lower --parallelism");
  }
}
