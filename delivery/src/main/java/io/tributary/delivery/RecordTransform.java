package io.tributary.delivery;

import java.util.List;

/**
 * A delivery stream's transformation: Firehose's Lambda contract as a Java function. It receives a
 * batch of records, each with an id, and must return one {@link TransformedRecord} per input with
 * the same id and a result: {@code Ok} with the new data, {@code Dropped} to discard the record on
 * purpose, or {@code ProcessingFailed} to send the original record to the error output.
 * Implementations say their own threading rule; the delivery runtime calls one instance from one
 * thread at a time.
 *
 * <p>The runtime does not trust the answer: {@link TransformResults#validate} turns a missing,
 * changed or repeated id into a ProcessingFailed with the reason, as Firehose does.
 */
@FunctionalInterface
public interface RecordTransform {
  List<TransformedRecord> transform(List<TransformInput> records);
}
