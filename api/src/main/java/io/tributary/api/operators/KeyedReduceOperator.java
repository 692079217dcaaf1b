package io.tributary.api.operators;

import io.tributary.api.functions.Function;
import io.tributary.api.functions.KeySelector;
import io.tributary.api.functions.ReduceFunction;
import io.tributary.api.state.ValueState;
import io.tributary.api.state.ValueStateDescriptor;

/**
 * A rolling reduce per key: folds each record into the key's value and emits the updated value with
 * the record's timestamp. Confined to the subtask's thread.
 */
public final class KeyedReduceOperator<K, IN> extends AbstractStreamOperator<IN> implements OneInputOperator<IN, IN> {
  private static final long serialVersionUID = 1L;

  private final KeySelector<IN, K> keySelector;
  private final ReduceFunction<IN> reducer;
  private transient ValueState<IN> current;

  public KeyedReduceOperator(KeySelector<IN, K> keySelector, ReduceFunction<IN> reducer) {
    this.keySelector = keySelector;
    this.reducer = reducer;
  }

  @Override
  protected boolean isKeyed() {
    return true;
  }

  @Override
  protected Function userFunction() {
    return reducer;
  }

  @Override
  public void open(OperatorContext context, Output<IN> output) throws Exception {
    super.open(context, output);
    current = keyedStateBackend().getState(new ValueStateDescriptor<>("_reduce"));
  }

  @Override
  public void processElement(IN value, long timestamp) throws Exception {
    setCurrentKey(keySelector.getKey(value));
    IN previous = current.value();
    IN updated = previous == null ? value : reducer.reduce(previous, value);
    current.update(updated);
    output().collect(updated, timestamp);
  }
}
