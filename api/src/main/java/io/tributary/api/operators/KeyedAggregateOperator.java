package io.tributary.api.operators;

import io.tributary.api.functions.AggregateFunction;
import io.tributary.api.functions.Function;
import io.tributary.api.functions.KeySelector;
import io.tributary.api.state.ValueState;
import io.tributary.api.state.ValueStateDescriptor;

/**
 * A rolling aggregate per key: adds each record to the key's accumulator and emits the updated
 * result with the record's timestamp. Confined to the subtask's thread.
 */
public final class KeyedAggregateOperator<K, IN, ACC, OUT> extends AbstractStreamOperator<OUT>
    implements OneInputOperator<IN, OUT> {
  private static final long serialVersionUID = 1L;

  private final KeySelector<IN, K> keySelector;
  private final AggregateFunction<IN, ACC, OUT> aggregate;
  private transient ValueState<ACC> accumulator;

  public KeyedAggregateOperator(KeySelector<IN, K> keySelector, AggregateFunction<IN, ACC, OUT> aggregate) {
    this.keySelector = keySelector;
    this.aggregate = aggregate;
  }

  @Override
  protected boolean isKeyed() {
    return true;
  }

  @Override
  protected Function userFunction() {
    return aggregate;
  }

  @Override
  public void open(OperatorContext context, Output<OUT> output) throws Exception {
    super.open(context, output);
    accumulator = keyedStateBackend().getState(new ValueStateDescriptor<>("_aggregate"));
  }

  @Override
  public void processElement(IN value, long timestamp) throws Exception {
    setCurrentKey(keySelector.getKey(value));
    ACC acc = accumulator.value();
    ACC updated = aggregate.add(value, acc == null ? aggregate.createAccumulator() : acc);
    accumulator.update(updated);
    output().collect(aggregate.getResult(updated), timestamp);
  }
}
