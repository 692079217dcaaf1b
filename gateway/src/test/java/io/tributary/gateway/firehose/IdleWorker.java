package io.tributary.gateway.firehose;

import io.grpc.Server;
import io.grpc.stub.StreamObserver;
import io.tributary.common.grpc.GrpcServers;
import io.tributary.common.stream.MetadataJson;
import io.tributary.common.zk.Registrations;
import io.tributary.common.zk.ZkPaths;
import io.tributary.proto.v1.CancelTasksRequest;
import io.tributary.proto.v1.CancelTasksResponse;
import io.tributary.proto.v1.DeployTaskResponse;
import io.tributary.proto.v1.NotifyCheckpointRequest;
import io.tributary.proto.v1.NotifyCheckpointResponse;
import io.tributary.proto.v1.TaskControlGrpc;
import io.tributary.proto.v1.TaskDeployment;
import io.tributary.proto.v1.TriggerCheckpointRequest;
import io.tributary.proto.v1.TriggerCheckpointResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.zookeeper.CreateMode;

/**
 * A worker that accepts every task and runs none, registered in ZooKeeper like a worker, so that the
 * coordinator can place a delivery job without a worker process. Thread-safe.
 */
final class IdleWorker implements AutoCloseable {
  private final Server server;
  private final CuratorFramework zk;

  IdleWorker(String zookeeper, String cluster) throws Exception {
    server = GrpcServers.start("127.0.0.1", 0, List.of(new TaskControlGrpc.TaskControlImplBase() {
      @Override
      public void deployTask(TaskDeployment request, StreamObserver<DeployTaskResponse> response) {
        reply(response, DeployTaskResponse.getDefaultInstance());
      }

      @Override
      public void cancelTasks(CancelTasksRequest request, StreamObserver<CancelTasksResponse> response) {
        reply(response, CancelTasksResponse.getDefaultInstance());
      }

      @Override
      public void triggerCheckpoint(TriggerCheckpointRequest request,
          StreamObserver<TriggerCheckpointResponse> response) {
        reply(response, TriggerCheckpointResponse.getDefaultInstance());
      }

      @Override
      public void notifyCheckpoint(NotifyCheckpointRequest request,
          StreamObserver<NotifyCheckpointResponse> response) {
        reply(response, NotifyCheckpointResponse.getDefaultInstance());
      }
    }));
    zk = CuratorFrameworkFactory.newClient(zookeeper, new RetryOneTime(100));
    zk.start();
    zk.blockUntilConnected(30, TimeUnit.SECONDS);
    zk.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(new ZkPaths(cluster).worker("idle"),
        MetadataJson.write(new Registrations.Worker("idle", "127.0.0.1:" + server.getPort(), 4)));
  }

  private static <T> void reply(StreamObserver<T> response, T message) {
    response.onNext(message);
    response.onCompleted();
  }

  @Override
  public void close() throws InterruptedException {
    zk.close();
    server.shutdownNow();
    server.awaitTermination(5, TimeUnit.SECONDS);
  }
}
