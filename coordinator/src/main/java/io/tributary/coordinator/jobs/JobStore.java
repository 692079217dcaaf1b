package io.tributary.coordinator.jobs;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.common.stream.MetadataJson;
import io.tributary.common.zk.ZkPaths;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.zookeeper.KeeperException;

/**
 * Job metadata in ZooKeeper at {@code jobs/<id>}, and each job's checkpoint counter and retained
 * checkpoints at {@code jobs/<id>/checkpoints}: reads for any coordinator, fenced writes for the leader. Thread-safe (holds no state of its own).
 *
 * <p>Standbys describe jobs from here, and a new leader finds the jobs an earlier one left running.
 */
public final class JobStore implements CheckpointLog {
  private static final Logger LOG = LogManager.getLogger(JobStore.class);

  private final CuratorFramework zk;
  private final ZkPaths paths;
  private final Leadership leadership;

  public JobStore(CuratorFramework zk, ZkPaths paths, Leadership leadership) {
    this.zk = zk;
    this.paths = paths;
    this.leadership = leadership;
  }

  /** Every job, oldest submission first; unreadable nodes are skipped with a warning. */
  public List<JobRecord> all() {
    List<JobRecord> jobs = new ArrayList<>();
    for (String id : read("listing jobs", () -> children())) {
      find(id).ifPresent(jobs::add);
    }
    jobs.sort(Comparator.comparingLong(JobRecord::submitTimeMs).thenComparing(JobRecord::id));
    return jobs;
  }

  public Optional<JobRecord> find(String id) {
    byte[] data = read("reading job " + id, () -> {
      try {
        return zk.getData().forPath(paths.job(id));
      } catch (KeeperException.NoNodeException e) {
        return null;
      }
    });
    if (data == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(MetadataJson.read(data, JobRecord.class));
    } catch (UncheckedIOException e) {
      // One unreadable job must not hide the others.
      LOG.warn("ignoring unreadable job metadata at {}: {}", paths.job(id), e.getMessage());
      return Optional.empty();
    }
  }

  void create(JobRecord job) {
    leadership.commit("recording job " + job.id(),
        op -> List.of(op.create().forPath(paths.job(job.id()), MetadataJson.write(job)),
            op.create().forPath(paths.jobCheckpoints(job.id()), MetadataJson.write(firstCheckpoints(job)))));
  }

  /**
   * A job started from a savepoint numbers its checkpoints after the savepoint's id, as Flink does,
   * so that sinks that name their output by checkpoint id never meet an earlier run's names.
   */
  private static RetainedCheckpoints firstCheckpoints(JobRecord job) {
    if (job.fromSavepoint().isEmpty()) {
      return RetainedCheckpoints.empty();
    }
    try {
      return RetainedCheckpoints.empty().withLastId(
          io.tributary.common.jobs.CheckpointMetadata.read(java.nio.file.Path.of(job.fromSavepoint())).checkpointId());
    } catch (IllegalArgumentException unreadable) {
      return RetainedCheckpoints.empty(); // the restore itself reports it
    }
  }

  @Override
  public RetainedCheckpoints read(String jobId) {
    byte[] data = read("reading the checkpoints of job " + jobId, () -> {
      try {
        return zk.getData().forPath(paths.jobCheckpoints(jobId));
      } catch (KeeperException.NoNodeException e) {
        return null;
      }
    });
    return data == null ? RetainedCheckpoints.empty() : MetadataJson.read(data, RetainedCheckpoints.class);
  }

  @Override
  public void write(String jobId, RetainedCheckpoints value) {
    String path = paths.jobCheckpoints(jobId);
    boolean exists = read("reading the checkpoints of job " + jobId, () -> zk.checkExists().forPath(path) != null);
    leadership.commit("recording the checkpoints of job " + jobId, op -> List.of(exists
        ? op.setData().forPath(path, MetadataJson.write(value))
        : op.create().forPath(path, MetadataJson.write(value))));
  }

  void update(JobRecord job) {
    leadership.commit("updating job " + job.id(),
        op -> List.of(op.setData().forPath(paths.job(job.id()), MetadataJson.write(job))));
  }

  void delete(String id) {
    boolean checkpoints = read("reading job " + id, () -> zk.checkExists().forPath(paths.jobCheckpoints(id)) != null);
    leadership.commit("removing job " + id, op -> checkpoints
        ? List.of(op.delete().forPath(paths.jobCheckpoints(id)), op.delete().forPath(paths.job(id)))
        : List.of(op.delete().forPath(paths.job(id))));
  }

  private List<String> children() throws Exception {
    try {
      return zk.getChildren().forPath(paths.jobs());
    } catch (KeeperException.NoNodeException e) {
      return List.of();
    }
  }

  private <T> T read(String what, Read<T> read) {
    try {
      return read.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TributaryException(ErrorCode.UNAVAILABLE, "interrupted while " + what + "; retry");
    } catch (Exception e) {
      throw new TributaryException(ErrorCode.UNAVAILABLE, "ZooKeeper failed while " + what + " (" + e
          + "); check that ZooKeeper runs, then retry", e);
    }
  }

  @FunctionalInterface
  private interface Read<T> {
    T call() throws Exception;
  }
}
