package io.tributary.delivery.job;

import io.tributary.api.JobEnvironment;
import io.tributary.api.checkpoint.RestartStrategy;
import io.tributary.api.connectors.StartingPosition;
import io.tributary.api.connectors.StreamRecordDeserializer;
import io.tributary.api.connectors.StreamSource;
import io.tributary.delivery.spec.DeliverySpec;
import java.time.Duration;

/**
 * The managed job behind a delivery stream: reads the source stream and delivers it through a
 * {@link DeliverySink}. Its only argument is the delivery stream's spec as JSON; the coordinator
 * submits it, named {@code delivery:NAME}.
 *
 * <p>It restarts without limit (1 s doubling to 30 s): a delivery stream has no one watching it to
 * resubmit it, and its checkpoints make a restart lose nothing.
 */
public final class DeliveryJob {
  /** The sink's uid: its checkpointed batches stay attached to it across versions of this job. */
  public static final String SINK_UID = "delivery-sink";
  public static final String SOURCE_UID = "delivery-source";

  private DeliveryJob() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      throw new IllegalArgumentException("the delivery job takes one argument, the delivery stream's spec as JSON,"
          + " got " + args.length + "; create delivery streams with 'trib delivery create'");
    }
    DeliverySpec spec = DeliverySpec.fromJson(args[0]);
    JobEnvironment env = JobEnvironment.getExecutionEnvironment();
    build(env, spec);
    env.execute(jobName(spec.name()));
  }

  /** The job's name for delivery stream {@code deliveryStream}. */
  public static String jobName(String deliveryStream) {
    return "delivery:" + deliveryStream;
  }

  /** Declares the delivery job for {@code spec} on {@code env}. */
  static void build(JobEnvironment env, DeliverySpec spec) {
    env.setParallelism(spec.parallelism())
        .enableCheckpointing(Duration.ofMillis(spec.checkpointIntervalMillis()))
        .setRestartStrategy(RestartStrategy.exponentialDelay(Duration.ofSeconds(1), Duration.ofSeconds(30)));
    // An existing stream is also read from its trim horizon (the source has no start by time); the
    // sink skips what arrived before the delivery stream was created.
    StreamSource<byte[]> source = new StreamSource<>(spec.sourceStream(), StartingPosition.TRIM_HORIZON,
        new RawBytes());
    env.fromStream(source).uid(SOURCE_UID)
        .sinkTo(new DeliverySink(spec)).name("Sink: Delivery " + spec.name()).uid(SINK_UID);
  }

  /** Keeps each record's bytes as they are. Stateless. */
  static final class RawBytes implements StreamRecordDeserializer<byte[]> {
    private static final long serialVersionUID = 1L;

    @Override
    public byte[] deserialize(String partitionKey, byte[] data) {
      return data;
    }
  }
}
