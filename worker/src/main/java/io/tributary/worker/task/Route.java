package io.tributary.worker.task;

import io.tributary.api.operators.OneInputOperator;

/**
 * Where one output (the main one or one side output) of a chained node goes: operators later in the
 * chain, called directly, and edges to other vertices. Immutable.
 */
record Route(OneInputOperator<Object, ?>[] operators, EdgeWriter[] edges) {
  void emit(Object value, long timestamp) throws Exception {
    for (OneInputOperator<Object, ?> operator : operators) {
      operator.processElement(value, timestamp);
    }
    for (EdgeWriter edge : edges) {
      edge.emit(value, timestamp);
    }
  }
}
