package io.tributary.delivery.job;

import io.tributary.api.operators.OperatorContext;
import io.tributary.api.sinks.Sink;
import io.tributary.api.sinks.SinkWriter;
import io.tributary.api.sources.ConnectorContext;
import io.tributary.delivery.spec.DeliverySpec;
import java.util.Objects;

/**
 * Delivers a stream's records to a delivery stream's destination, exactly once, one {@link
 * DeliveryWriter} per subtask. The element timestamp it expects is the record's arrival time, as
 * the stream source gives it. Immutable; travels in the job plan.
 */
public record DeliverySink(DeliverySpec spec) implements Sink<byte[]> {
  private static final long serialVersionUID = 1L;

  public DeliverySink {
    Objects.requireNonNull(spec, "spec");
  }

  @Override
  public SinkWriter<byte[]> createWriter(ConnectorContext context) throws Exception {
    if (!(context instanceof OperatorContext operatorContext)) {
      throw new IllegalStateException("the delivery sink needs processing-time timers, but its context "
          + context.getClass().getName() + " is not an operator context; run it through the engine's sink operator");
    }
    TransformStep transform = spec.transformClass().isEmpty() ? null
        : TransformStep.load(spec.transformClass(), context.userClassLoader(), spec.name());
    return new DeliveryWriter(spec, operatorContext, transform);
  }
}
