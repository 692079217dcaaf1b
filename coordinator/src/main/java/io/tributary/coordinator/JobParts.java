package io.tributary.coordinator;

import io.tributary.common.metrics.ProcessMetrics;
import io.tributary.common.zk.ZkPaths;
import io.tributary.coordinator.jobs.GrpcWorkerGateway;
import io.tributary.coordinator.jobs.JobArtifacts;
import io.tributary.coordinator.jobs.JobControlService;
import io.tributary.coordinator.jobs.JobManager;
import io.tributary.coordinator.jobs.JobMetrics;
import io.tributary.coordinator.jobs.JobStore;
import io.tributary.coordinator.jobs.JobSubmitter;
import io.tributary.coordinator.jobs.ManagedJobs;
import io.tributary.coordinator.jobs.WorkerDirectory;
import java.time.Clock;
import java.time.Duration;
import java.util.Deque;
import java.util.function.Supplier;
import org.apache.curator.framework.CuratorFramework;

/**
 * The JobManager's parts as the coordinator starts them: its service, its manager and the managed
 * jobs of other services, with everything they own pushed onto the server's close stack. Immutable.
 *
 * <p>It keeps the job wiring out of {@link CoordinatorServer}, which only adds the service and the
 * election hook.
 */
record JobParts(JobControlService service, JobManager manager, ManagedJobs managed) {
  /** Longest a job's main may run on the coordinator before it is interrupted. */
  static final Duration MAIN_BOUND = Duration.ofSeconds(60);
  /** Deadline of one DeployTask or CancelTasks call to a worker. */
  static final Duration WORKER_CALL_DEADLINE = Duration.ofSeconds(15);
  /** How long subtasks of an ended job may take to confirm they stopped before their slots count as free. */
  static final Duration STOP_WAIT = Duration.ofSeconds(30);

  static JobParts start(CoordinatorConfig config, CuratorFramework zk, ZkPaths paths, LeadershipState state,
      Supplier<String> selfAddress, ProcessMetrics metrics, Clock clock, Deque<AutoCloseable> opened) {
    JobLeadership leadership = new JobLeadership(zk, paths, state);
    JobArtifacts artifacts = new JobArtifacts(config.checkpointDir());
    WorkerDirectory workers = new WorkerDirectory(zk, paths);
    opened.push(workers);
    GrpcWorkerGateway gateway = new GrpcWorkerGateway(WORKER_CALL_DEADLINE);
    opened.push(gateway);
    JobManager manager = new JobManager(leadership, new JobStore(zk, paths, leadership), workers, gateway, artifacts,
        selfAddress, clock, STOP_WAIT, new JobMetrics(metrics.registry()), JobParts.class.getClassLoader());
    opened.push(manager);
    manager.start();
    JobSubmitter submitter = new JobSubmitter(artifacts, MAIN_BOUND, JobParts.class.getClassLoader());
    return new JobParts(new JobControlService(leadership, submitter, manager, artifacts), manager,
        new ManagedJobs(submitter, manager));
  }
}
