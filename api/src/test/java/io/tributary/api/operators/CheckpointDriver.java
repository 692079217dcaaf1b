package io.tributary.api.operators;

import io.tributary.api.checkpoint.OperatorSnapshot;
import io.tributary.api.graph.KeyGroups;
import io.tributary.api.testing.HarnessBase;
import io.tributary.api.testing.OperatorHarness;
import io.tributary.api.testing.TimestampedValue;
import io.tributary.api.testing.TwoInputHarness;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs a script of inputs through an operator in phases: between two phases every subtask snapshots,
 * and the next phase restores fresh operators (at a possibly different parallelism) from all the
 * snapshots, as a restarted or rescaled job does. Records go to the subtask owning their key;
 * watermarks and processing time go to every subtask. Confined to the test thread.
 */
final class CheckpointDriver {
  sealed interface Step {}

  record In1(Object value, long ts) implements Step {}

  record In2(Object value, long ts) implements Step {}

  record Mark(long watermark) implements Step {}

  record Time(long ms) implements Step {}

  private CheckpointDriver() {}

  /** Output of every subtask of every phase, phase after phase, subtask after subtask. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static <OUT> List<TimestampedValue<OUT>> run(Supplier<? extends StreamOperator<OUT>> operators,
      Function<Object, Object> key, List<List<Step>> phases, int... parallelisms) throws Exception {
    List<TimestampedValue<OUT>> output = new ArrayList<>();
    List<OperatorSnapshot> snapshots = null;
    long time = 0;
    for (int phase = 0; phase < phases.size(); phase++) {
      int parallelism = parallelisms[phase];
      List<HarnessBase<OUT, ?>> harnesses = new ArrayList<>();
      for (int i = 0; i < parallelism; i++) {
        StreamOperator<OUT> operator = operators.get();
        HarnessBase<OUT, ?> harness;
        if (operator instanceof OneInputOperator one) {
          harness = snapshots == null ? OperatorHarness.forOperator(one).withParallelism(parallelism, i)
              : OperatorHarness.restore(one, snapshots, phase, parallelism, i);
        } else {
          TwoInputOperator two = (TwoInputOperator) operator;
          harness = snapshots == null ? TwoInputHarness.forOperator(two).withParallelism(parallelism, i)
              : TwoInputHarness.restore(two, snapshots, phase, parallelism, i);
        }
        harness.open();
        harness.setProcessingTime(time);
        harnesses.add(harness);
      }
      for (Step step : phases.get(phase)) {
        time = apply(step, harnesses, key, time);
      }
      snapshots = new ArrayList<>();
      for (HarnessBase<OUT, ?> harness : harnesses) {
        snapshots.add(harness.snapshot(phase + 1));
        output.addAll(harness.extractOutputRecords());
        harness.close();
      }
    }
    return output;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static long apply(Step step, List<? extends HarnessBase<?, ?>> harnesses, Function<Object, Object> key,
      long time) throws Exception {
    int p = harnesses.size();
    if (step instanceof In1 in) {
      HarnessBase<?, ?> h = harnesses.get(KeyGroups.subtaskForKey(key.apply(in.value()), 128, p));
      if (h instanceof OperatorHarness one) {
        one.processElement(in.value(), in.ts());
      } else {
        ((TwoInputHarness) h).processElement1(in.value(), in.ts());
      }
    } else if (step instanceof In2 in) {
      ((TwoInputHarness) harnesses.get(KeyGroups.subtaskForKey(key.apply(in.value()), 128, p)))
          .processElement2(in.value(), in.ts());
    } else if (step instanceof Mark mark) {
      for (HarnessBase<?, ?> h : harnesses) {
        if (h instanceof OperatorHarness one) {
          one.processWatermark(mark.watermark());
        } else {
          ((TwoInputHarness) h).processWatermark1(mark.watermark()).processWatermark2(mark.watermark());
        }
      }
    } else if (step instanceof Time t) {
      for (HarnessBase<?, ?> h : harnesses) {
        h.setProcessingTime(t.ms());
      }
      return t.ms();
    }
    return time;
  }

  /**
   * A deterministic script: records of {@code keys} keys with slightly disordered timestamps on the
   * given inputs, a watermark every 7 records, processing time moving every 5.
   */
  static List<Step> script(int records, int keys, boolean twoInputs, Function<Integer, Object> valueOf) {
    List<Step> steps = new ArrayList<>();
    long maxTs = 0;
    for (int i = 0; i < records; i++) {
      long ts = i * 10L + (i * 7919 % 23);
      maxTs = Math.max(maxTs, ts);
      Object value = valueOf.apply(i);
      steps.add(twoInputs && i % 3 == 1 ? new In2(value, ts) : new In1(value, ts));
      if (i % 7 == 6) {
        steps.add(new Mark(maxTs - 30));
      }
      if (i % 5 == 4) {
        steps.add(new Time(i * 13L));
      }
    }
    steps.add(new Mark(maxTs + 1_000));
    steps.add(new Time(records * 13L + 1_000));
    return steps;
  }

  /** Cuts a script into phases just before watermarks, near the given fractions of its length. */
  static List<List<Step>> cut(List<Step> steps, double... fractions) {
    List<List<Step>> phases = new ArrayList<>();
    int from = 0;
    for (double fraction : fractions) {
      int at = (int) (steps.size() * fraction);
      while (!(steps.get(at) instanceof Mark)) {
        at++;
      }
      phases.add(steps.subList(from, at));
      from = at;
    }
    phases.add(steps.subList(from, steps.size()));
    return phases;
  }
}
