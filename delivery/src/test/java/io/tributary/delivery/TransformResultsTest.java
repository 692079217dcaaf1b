package io.tributary.delivery;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransformResultsTest {
  private static final byte[] A = "a".getBytes(UTF_8);
  private static final byte[] B = "b".getBytes(UTF_8);
  private static final byte[] C = "c".getBytes(UTF_8);
  private static final List<TransformInput> INPUTS = List.of(input("1", A), input("2", B), input("3", C));

  @Test
  void mapsEachResultToItsInputInInputOrder() {
    byte[] upper = "A".getBytes(UTF_8);
    List<TransformOutcome> outcomes = TransformResults.validate(INPUTS, List.of(
        TransformedRecord.failed("3", "bad amount"),
        TransformedRecord.ok("1", upper, Map.of("customer", "acme")),
        TransformedRecord.dropped("2")));

    assertThat(outcomes).hasSize(3);
    assertThat(outcomes.get(0)).isInstanceOfSatisfying(TransformOutcome.Ok.class, ok -> {
      assertThat(ok.recordId()).isEqualTo("1");
      assertThat(ok.data()).isSameAs(upper);
      assertThat(ok.partitionKeys()).containsExactly(Map.entry("customer", "acme"));
    });
    assertThat(outcomes.get(1)).isEqualTo(new TransformOutcome.Dropped("2"));
    assertFailed(outcomes.get(2), "3", C, "bad amount");
  }

  @Test
  void aTransformThatRunsAsAFunctionIsValidatedToo() {
    RecordTransform upperCase = records -> {
      List<TransformedRecord> out = new ArrayList<>();
      for (TransformInput record : records) {
        out.add(TransformedRecord.ok(record.recordId(), new String(record.data(), UTF_8).toUpperCase().getBytes(UTF_8)));
      }
      return out;
    };

    List<TransformOutcome> outcomes = TransformResults.apply(upperCase, INPUTS);

    assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(TransformOutcome.Ok.class));
    assertThat(((TransformOutcome.Ok) outcomes.get(2)).data()).isEqualTo("C".getBytes(UTF_8));
    assertThat(((TransformOutcome.Ok) outcomes.get(2)).partitionKeys()).isEmpty();
  }

  @Test
  void aChangedIdFailsTheRecordItReplaced() {
    List<TransformOutcome> outcomes = TransformResults.validate(INPUTS, List.of(
        TransformedRecord.ok("1", A), TransformedRecord.ok("two", B), TransformedRecord.ok("3", C)));

    assertFailed(outcomes.get(1), "2", B,
        "the transform changed record id '2' to 'two'; return each record with the id it was given");
    assertThat(outcomes.get(0)).isInstanceOf(TransformOutcome.Ok.class);
    assertThat(outcomes.get(2)).isInstanceOf(TransformOutcome.Ok.class);
  }

  @Test
  void aMissingIdFailsTheRecord() {
    List<TransformOutcome> outcomes = TransformResults.validate(INPUTS, List.of(
        TransformedRecord.ok("1", A), TransformedRecord.ok("3", C)));

    assertFailed(outcomes.get(1), "2", B,
        "the transform returned no record for id '2'; return every record, with result Dropped to discard it");
  }

  @Test
  void aRepeatedIdFailsTheRecord() {
    List<TransformOutcome> outcomes = TransformResults.validate(INPUTS, List.of(
        TransformedRecord.ok("1", A), TransformedRecord.ok("1", B), TransformedRecord.dropped("2"),
        TransformedRecord.dropped("3")));

    assertFailed(outcomes.get(0), "1", A,
        "the transform returned record id '1' more than once; return each record exactly once");
    assertThat(outcomes.get(1)).isInstanceOf(TransformOutcome.Dropped.class);
  }

  @Test
  void okWithoutDataOrNoResultFailsTheRecord() {
    List<TransformOutcome> outcomes = TransformResults.validate(INPUTS, List.of(
        new TransformedRecord("1", TransformedRecord.Result.OK, null, Map.of(), null),
        new TransformedRecord("2", null, B, Map.of(), null),
        new TransformedRecord("3", TransformedRecord.Result.OK, C, null, null)));

    assertFailed(outcomes.get(0), "1", A, "the transform returned Ok for record id '1' without data;"
        + " return the data, or Dropped to discard the record");
    assertFailed(outcomes.get(1), "2", B,
        "the transform returned record id '2' without a result; use Ok, Dropped or ProcessingFailed");
    assertThat(((TransformOutcome.Ok) outcomes.get(2)).partitionKeys()).isEmpty();
  }

  @Test
  void processingFailedWithoutAReasonGetsOne() {
    List<TransformOutcome> outcomes = TransformResults.validate(List.of(input("1", A)), List.of(
        TransformedRecord.failed("1", null)));

    assertFailed(outcomes.get(0), "1", A, "the transform reported ProcessingFailed without a reason");
  }

  @Test
  void aTransformThatThrowsOrReturnsNothingFailsTheBatch() {
    List<TransformOutcome> thrown = TransformResults.apply(records -> {
      throw new IllegalStateException("boom");
    }, INPUTS);
    List<TransformOutcome> nothing = TransformResults.apply(records -> null, INPUTS);

    assertThat(thrown).hasSize(3);
    assertFailed(thrown.get(2), "3", C, "the transform threw java.lang.IllegalStateException: boom");
    assertFailed(nothing.get(0), "1", A,
        "the transform returned no list; return one record per input");
  }

  private static void assertFailed(TransformOutcome outcome, String id, byte[] original, String reason) {
    assertThat(outcome).isInstanceOfSatisfying(TransformOutcome.ProcessingFailed.class, failed -> {
      assertThat(failed.recordId()).isEqualTo(id);
      assertThat(failed.originalData()).isSameAs(original);
      assertThat(failed.reason()).isEqualTo(reason);
    });
  }

  private static TransformInput input(String id, byte[] data) {
    return new TransformInput(id, Instant.parse("2024-01-01T00:00:00Z"), data);
  }
}
