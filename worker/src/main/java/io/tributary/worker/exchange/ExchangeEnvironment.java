package io.tributary.worker.exchange;

import io.grpc.BindableService;
import io.tributary.worker.TaskKey;
import java.util.List;

/**
 * The data exchange of one worker: result partitions of the subtasks it runs, input gates that
 * read them (directly when the producer is local, over DataExchange otherwise) and the DataExchange
 * service other workers read from. Thread-safe.
 */
public final class ExchangeEnvironment implements AutoCloseable {
  /**
   * @param localAddress this worker's gRPC address, which deployments name as producer address
   * @param settings batch size, queue capacity, credits, connect timeout
   * @param codecs the codec of each job (built with the job's class loader)
   */
  public ExchangeEnvironment(String localAddress, ExchangeSettings settings, CodecRegistry codecs) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** Registers the result partition of one output edge of a producing subtask. */
  public RecordWriter createWriter(TaskKey producer, int outputIndex, int numChannels) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  public InputGate createGate(TaskKey consumer, List<ChannelSpec> channels) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** The DataExchange gRPC service, to add to the worker's server. */
  public BindableService service() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** Drops every partition and gate of a job (ended or canceled). */
  public void releaseJob(String jobId) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  @Override
  public void close() {
    throw new UnsupportedOperationException("not yet implemented");
  }
}
