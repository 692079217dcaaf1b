package io.tributary.worker.connectors;

import io.tributary.api.connectors.StreamConnector;
import io.tributary.api.connectors.StreamSink;
import io.tributary.api.connectors.StreamSource;
import io.tributary.api.sinks.SinkWriter;
import io.tributary.api.sources.ConnectorContext;
import io.tributary.api.sources.SourceReader;
import io.tributary.client.ClientOptions;
import io.tributary.client.ProducerOptions;
import io.tributary.client.TributaryClient;
import io.tributary.common.error.Errors;
import io.tributary.common.stream.MetadataJson;
import io.tributary.common.zk.Registrations;
import io.tributary.common.zk.ZkPaths;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;

/**
 * Reads and writes streams of the worker's cluster with the client library, through one client
 * shared by every subtask, connected on first use to the coordinators registered in ZooKeeper.
 * Thread-safe.
 */
public final class ClientStreamConnector implements StreamConnector, AutoCloseable {
  private final CuratorFramework zk;
  private final ZkPaths paths;
  private final Clock clock;
  private TributaryClient client;
  private boolean closed;

  public ClientStreamConnector(CuratorFramework zk, ZkPaths paths, Clock clock) {
    this.zk = zk;
    this.paths = paths;
    this.clock = clock;
  }

  @Override
  public <T> SourceReader<T> createReader(StreamSource<T> source, ConnectorContext context) {
    StreamSourceReader<T> reader =
        new StreamSourceReader<>(client(), source, context.subtaskIndex(), context.parallelism(), context.clock());
    reader.restore(context.restoredState());
    return reader;
  }

  /** Exactly once when the job checkpoints (see {@link ExactlyOnceStreamSinkWriter}), else at least once. */
  @Override
  public <T> SinkWriter<T> createWriter(StreamSink<T> sink, ConnectorContext context) {
    if (!context.checkpointingEnabled()) {
      return new StreamSinkWriter<>(client().newProducer(sink.stream(), ProducerOptions.defaults()), sink.serializer());
    }
    String uid = context.operatorUid().isEmpty() ? sink.stream() : context.operatorUid();
    long producerId = SinkProducerIds.of(context.jobId(), uid, context.subtaskIndex(), context.restoredCheckpointId());
    ExactlyOnceStreamSinkWriter<T> writer =
        new ExactlyOnceStreamSinkWriter<>(ShardWrites.of(client(), sink.stream()), sink.serializer(), producerId);
    writer.commitRestored(context.restoredState());
    return writer;
  }

  private synchronized TributaryClient client() {
    if (closed) {
      throw Errors.unavailable("the worker is stopping; its stream connector is closed");
    }
    if (client == null) {
      client = TributaryClient.connect(ClientOptions.of(String.join(",", coordinators())), clock);
    }
    return client;
  }

  private List<String> coordinators() {
    List<String> addresses = new ArrayList<>();
    try {
      for (String child : zk.getChildren().forPath(paths.coordinatorMembers())) {
        byte[] data = zk.getData().forPath(paths.coordinatorMembers() + "/" + child);
        addresses.add(MetadataJson.read(data, Registrations.Coordinator.class).address());
      }
    } catch (Exception e) {
      throw Errors.unavailable("cannot list the coordinators in ZooKeeper at " + paths.coordinatorMembers() + ": "
          + e.getMessage() + "; start a coordinator of this cluster");
    }
    if (addresses.isEmpty()) {
      throw Errors.unavailable("no coordinator is registered at " + paths.coordinatorMembers()
          + "; start a coordinator of this cluster before jobs that read or write streams");
    }
    return addresses;
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (client != null) {
      client.close();
      client = null;
    }
  }
}
