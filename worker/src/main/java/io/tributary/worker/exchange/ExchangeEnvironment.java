package io.tributary.worker.exchange;

import io.grpc.BindableService;
import io.tributary.worker.TaskKey;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The data exchange of one worker: result partitions of the subtasks it runs, input gates that
 * read them (directly when the producer is local, over DataExchange otherwise) and the DataExchange
 * service other workers read from. Thread-safe.
 */
public final class ExchangeEnvironment implements AutoCloseable {
  private static final int SEND_THREADS = 2;

  private final String localAddress;
  private final ExchangeSettings settings;
  private final CodecRegistry codecs;
  private final ScheduledExecutorService timer;
  private final ExecutorService sendExecutor;
  private final PartitionRegistry partitions;
  private final RemoteConnections connections = new RemoteConnections();
  private final Set<ExchangeInputGate> gates = ConcurrentHashMap.newKeySet();
  private final ExchangeService service;

  /**
   * @param localAddress this worker's gRPC address, which deployments name as producer address
   * @param settings batch size, queue capacity, credits, connect timeout
   * @param codecs the codec of each job (built with the job's class loader)
   */
  public ExchangeEnvironment(String localAddress, ExchangeSettings settings, CodecRegistry codecs) {
    validate(settings);
    this.localAddress = localAddress;
    this.settings = settings;
    this.codecs = codecs;
    this.timer = Executors.newSingleThreadScheduledExecutor(new NamedThreads("exchange-timer"));
    this.sendExecutor = Executors.newFixedThreadPool(SEND_THREADS, new NamedThreads("exchange-send"));
    this.partitions = new PartitionRegistry(localAddress, timer);
    this.service = new ExchangeService(partitions, codecs, sendExecutor, settings.connectTimeout());
  }

  private static void validate(ExchangeSettings settings) {
    if (settings.batchSize() < 1 || settings.queueCapacity() < 1 || settings.credits() < 1) {
      throw new IllegalArgumentException("exchange batch size, queue capacity and credits must be at least 1, got "
          + settings + "; the defaults are " + ExchangeSettings.defaults());
    }
    if (settings.connectTimeout().isNegative() || settings.connectTimeout().isZero()) {
      throw new IllegalArgumentException("exchange connect timeout must be positive, got " + settings.connectTimeout());
    }
  }

  /** Registers the result partition of one output edge of a producing subtask. */
  public RecordWriter createWriter(TaskKey producer, int outputIndex, int numChannels) {
    ResultPartition partition =
        partitions.register(new PartitionKey(producer, outputIndex), numChannels, settings.queueCapacity());
    return new PartitionWriter(partition, settings.batchSize());
  }

  public InputGate createGate(TaskKey consumer, List<ChannelSpec> channels) {
    ExchangeInputGate gate = ExchangeInputGate.open(consumer, List.copyOf(channels), this::channel, gates::remove);
    gates.add(gate);
    return gate;
  }

  private InputChannel channel(int index, ChannelSpec spec, ChannelListener listener) {
    if (spec.producerAddress().equals(localAddress)) {
      return new LocalInputChannel(index, spec, partitions, settings.connectTimeout(), listener);
    }
    ElementCodec codec = codecs.codecFor(spec.producer().jobId());
    return new RemoteInputChannel(
        index, spec, connections.to(spec.producerAddress()), codec, settings, timer, listener);
  }

  /** The DataExchange gRPC service, to add to the worker's server. */
  public BindableService service() {
    return service;
  }

  /** The local address deployments name for producers on this worker. */
  public String localAddress() {
    return localAddress;
  }

  /** Drops every partition and gate of a job (ended or canceled). */
  public void releaseJob(String jobId) {
    String why = "job " + jobId + " ended or was canceled";
    for (ExchangeInputGate gate : gates) {
      if (gate.consumer().jobId().equals(jobId)) {
        gate.fail(new ExchangeException("input gate of " + gate.consumer() + " was released: " + why));
        gate.close();
      }
    }
    partitions.releaseJob(jobId, why);
  }

  @Override
  public void close() {
    String why = "worker " + localAddress + " is shutting down";
    for (ExchangeInputGate gate : gates) {
      gate.fail(new ExchangeException("input gate of " + gate.consumer() + " was released: " + why));
      gate.close();
    }
    partitions.releaseAll(why);
    // Queued sends (the failure statuses just scheduled) run before the threads stop.
    sendExecutor.shutdown();
    timer.shutdownNow();
    try {
      sendExecutor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      sendExecutor.shutdownNow();
      connections.close();
    }
  }

  /** The partition of one producer output, or null (tests look at queue depths through it). */
  ResultPartition partition(TaskKey producer, int outputIndex) {
    return partitions.find(new PartitionKey(producer, outputIndex));
  }
}
