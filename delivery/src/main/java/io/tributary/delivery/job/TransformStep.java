package io.tributary.delivery.job;

import io.tributary.delivery.RecordTransform;
import io.tributary.delivery.TransformInput;
import io.tributary.delivery.TransformOutcome;
import io.tributary.delivery.TransformResults;
import java.lang.reflect.InvocationTargetException;
import java.time.Instant;
import java.util.List;

/**
 * Runs the delivery stream's {@link RecordTransform} on one record at a time and checks its answer.
 * Confined to the subtask's thread, which is also the rule the transform is promised.
 *
 * <p>One record per call keeps the record's outcome next to its arrival: no batch of records waits
 * for a transform call, and a transform that fails one record fails only that one.
 */
final class TransformStep {
  private final RecordTransform transform;
  private long nextId;

  private TransformStep(RecordTransform transform) {
    this.transform = transform;
  }

  /**
   * Loads {@code className} from the job's jar and creates it with its public no-argument constructor.
   *
   * @throws IllegalStateException naming the class and what to fix
   */
  static TransformStep load(String className, ClassLoader loader, String deliveryStream) {
    Class<?> type;
    try {
      type = Class.forName(className, true, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalStateException("transform class '" + className + "' of delivery stream '" + deliveryStream
          + "' cannot be loaded (" + e + "); pass the jar that holds it with --transform-jar, or fix --transform", e);
    }
    if (!RecordTransform.class.isAssignableFrom(type)) {
      throw new IllegalStateException("transform class '" + className + "' of delivery stream '" + deliveryStream
          + "' does not implement " + RecordTransform.class.getName() + "; implement it, or fix --transform");
    }
    try {
      return new TransformStep((RecordTransform) type.getConstructor().newInstance());
    } catch (NoSuchMethodException | IllegalAccessException | InstantiationException e) {
      throw new IllegalStateException("transform class '" + className + "' of delivery stream '" + deliveryStream
          + "' cannot be created (" + e + "); give it a public no-argument constructor", e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("the constructor of transform class '" + className + "' of delivery stream '"
          + deliveryStream + "' threw " + e.getCause() + "; fix the transform", e.getCause());
    }
  }

  TransformOutcome apply(byte[] data, long arrivalMillis) {
    TransformInput input = new TransformInput(Long.toString(nextId++), Instant.ofEpochMilli(arrivalMillis), data);
    return TransformResults.apply(transform, List.of(input)).get(0);
  }
}
