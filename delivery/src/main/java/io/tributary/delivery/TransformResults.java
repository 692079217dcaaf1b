package io.tributary.delivery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a {@link RecordTransform}'s answer against its input and turns it into one {@link
 * TransformOutcome} per input record, in input order. Stateless and thread-safe.
 *
 * <p>Firehose's rule: every record must come back with the id it was given; one that comes back
 * with another id, twice, or not at all has failed processing. A transform that throws fails the
 * whole batch the same way, so the records reach the error output with the reason instead of being
 * retried forever.
 */
public final class TransformResults {
  private TransformResults() {}

  /** Runs {@code transform} on {@code inputs} and validates its answer. */
  public static List<TransformOutcome> apply(RecordTransform transform, List<TransformInput> inputs) {
    List<TransformedRecord> outputs;
    try {
      outputs = transform.transform(inputs);
    } catch (RuntimeException e) {
      return failAll(inputs, "the transform threw " + e);
    }
    if (outputs == null) {
      return failAll(inputs, "the transform returned no list; return one record per input");
    }
    return validate(inputs, outputs);
  }

  /** Matches {@code outputs} to {@code inputs} by record id and checks each answer. */
  public static List<TransformOutcome> validate(
      List<TransformInput> inputs, List<TransformedRecord> outputs) {
    Set<String> inputIds = new HashSet<>();
    for (TransformInput input : inputs) {
      inputIds.add(input.recordId());
    }
    Map<String, TransformedRecord> byId = new HashMap<>();
    Set<String> repeated = new HashSet<>();
    for (TransformedRecord output : outputs) {
      if (output != null && byId.putIfAbsent(output.recordId(), output) != null) {
        repeated.add(output.recordId());
      }
    }
    List<TransformOutcome> outcomes = new ArrayList<>(inputs.size());
    for (int i = 0; i < inputs.size(); i++) {
      TransformInput input = inputs.get(i);
      TransformedRecord output = byId.get(input.recordId());
      if (output == null) {
        outcomes.add(failed(input, missingReason(input, i < outputs.size() ? outputs.get(i) : null,
            inputIds)));
      } else if (repeated.contains(input.recordId())) {
        outcomes.add(failed(input, "the transform returned record id '" + input.recordId()
            + "' more than once; return each record exactly once"));
      } else {
        outcomes.add(check(input, output));
      }
    }
    return outcomes;
  }

  private static String missingReason(
      TransformInput input, TransformedRecord samePosition, Set<String> inputIds) {
    if (samePosition != null && !inputIds.contains(samePosition.recordId())) {
      return "the transform changed record id '" + input.recordId() + "' to '"
          + samePosition.recordId() + "'; return each record with the id it was given";
    }
    return "the transform returned no record for id '" + input.recordId()
        + "'; return every record, with result Dropped to discard it";
  }

  private static TransformOutcome check(TransformInput input, TransformedRecord output) {
    if (output.result() == null) {
      return failed(input, "the transform returned record id '" + input.recordId()
          + "' without a result; use Ok, Dropped or ProcessingFailed");
    }
    switch (output.result()) {
      case OK:
        if (output.data() == null) {
          return failed(input, "the transform returned Ok for record id '" + input.recordId()
              + "' without data; return the data, or Dropped to discard the record");
        }
        Map<String, String> keys = output.partitionKeys() == null ? Map.of() : output.partitionKeys();
        return new TransformOutcome.Ok(input.recordId(), output.data(), keys);
      case DROPPED:
        return new TransformOutcome.Dropped(input.recordId());
      default:
        String reason = output.reason() == null || output.reason().isEmpty()
            ? "the transform reported ProcessingFailed without a reason" : output.reason();
        return failed(input, reason);
    }
  }

  private static List<TransformOutcome> failAll(List<TransformInput> inputs, String reason) {
    List<TransformOutcome> outcomes = new ArrayList<>(inputs.size());
    for (TransformInput input : inputs) {
      outcomes.add(failed(input, reason));
    }
    return outcomes;
  }

  private static TransformOutcome failed(TransformInput input, String reason) {
    return new TransformOutcome.ProcessingFailed(input.recordId(), input.data(), reason);
  }
}
