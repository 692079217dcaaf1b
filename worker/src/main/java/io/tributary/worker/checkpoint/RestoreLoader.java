package io.tributary.worker.checkpoint;

import io.tributary.api.checkpoint.OperatorRestore;
import io.tributary.api.checkpoint.OperatorSnapshot;
import io.tributary.api.checkpoint.StateRedistribution;
import io.tributary.api.graph.ChainedNode;
import io.tributary.api.graph.JobVertex;
import io.tributary.common.jobs.CheckpointMetadata;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the state a deployed subtask starts from out of a completed checkpoint's or savepoint's
 * {@code _metadata}: for each node uid of its chain the state files of every old subtask that held
 * it, verified and redistributed to this subtask. Stateless.
 *
 * <p>Reading happens at deployment, so a missing or damaged file fails the deployment (naming the
 * file) before any operator starts.
 */
public final class RestoreLoader {
  private RestoreLoader() {}

  /**
   * @param metadataPath the {@code _metadata} file or its directory
   * @throws IllegalArgumentException naming the file that is missing, corrupt or does not fit the job
   */
  public static TaskRestore load(String metadataPath, JobVertex vertex, int subtask, int maxParallelism,
      ClassLoader loader) {
    Path path = Path.of(metadataPath);
    CheckpointMetadata metadata = CheckpointMetadata.read(path);
    if (metadata.maxParallelism() != maxParallelism) {
      throw new IllegalArgumentException("checkpoint " + path + " was taken with max parallelism "
          + metadata.maxParallelism() + " but the job has " + maxParallelism
          + "; keyed state can only be restored with the same max parallelism");
    }
    Path dir = CheckpointMetadata.directoryOf(path);
    Map<String, Map<String, OperatorSnapshot>> files = new HashMap<>();
    Map<String, OperatorRestore> byUid = new HashMap<>();
    for (ChainedNode node : vertex.nodes()) {
      List<OperatorSnapshot> old = new ArrayList<>();
      for (CheckpointMetadata.SubtaskState state : holders(metadata, node.uid())) {
        Map<String, OperatorSnapshot> contents =
            files.computeIfAbsent(state.file(), f -> StateFiles.read(dir.resolve(f), loader));
        old.add(contents.getOrDefault(node.uid(), OperatorSnapshot.EMPTY));
      }
      byUid.put(node.uid(), StateRedistribution.restoreFor(old, maxParallelism, vertex.parallelism(), subtask,
          metadata.checkpointId()));
    }
    return new TaskRestore(metadata.checkpointId(), byUid);
  }

  /** The state files holding {@code uid}, in old subtask order (list state is dealt in that order). */
  private static List<CheckpointMetadata.SubtaskState> holders(CheckpointMetadata metadata, String uid) {
    return metadata.subtasks().stream()
        .filter(s -> s.uids().contains(uid))
        .sorted(Comparator.comparingInt(CheckpointMetadata.SubtaskState::subtask))
        .toList();
  }
}
