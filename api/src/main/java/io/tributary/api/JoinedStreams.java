package io.tributary.api;

import io.tributary.api.functions.JoinFunction;
import io.tributary.api.functions.KeySelector;
import io.tributary.api.operators.WindowJoinOperator;
import io.tributary.api.windowing.Window;
import io.tributary.api.windowing.WindowAssigner;
import java.util.Objects;

/**
 * A window join under construction: {@code a.join(b).where(k1).equalTo(k2).window(w).apply(fn)}
 * pairs every record of a with every record of b that has the same key and falls in the same window.
 * Both inputs are hash-partitioned by their keys. Immutable; confined to the main's thread.
 */
public final class JoinedStreams<T1, T2> {
  private final DataStream<T1> first;
  private final DataStream<T2> second;

  JoinedStreams(DataStream<T1> first, DataStream<T2> second) {
    this.first = first;
    this.second = second;
  }

  public <K> Where<K> where(KeySelector<T1, K> key1) {
    return new Where<>(Objects.requireNonNull(key1, "key selector of the first input"));
  }

  /** The first input's key is chosen; the second's comes next. */
  public final class Where<K> {
    private final KeySelector<T1, K> key1;

    Where(KeySelector<T1, K> key1) {
      this.key1 = key1;
    }

    public EqualTo equalTo(KeySelector<T2, K> key2) {
      return new EqualTo(Objects.requireNonNull(key2, "key selector of the second input"));
    }

    /** Both keys are chosen; the window comes next. */
    public final class EqualTo {
      private final KeySelector<T2, K> key2;

      EqualTo(KeySelector<T2, K> key2) {
        this.key2 = key2;
      }

      public <W extends Window> WithWindow<W> window(WindowAssigner<W> assigner) {
        return new WithWindow<>(Objects.requireNonNull(assigner, "window assigner"));
      }

      /** Everything is chosen but the join function. */
      public final class WithWindow<W extends Window> {
        private final WindowAssigner<W> assigner;

        WithWindow(WindowAssigner<W> assigner) {
          this.assigner = assigner;
        }

        public <R> DataStream<R> apply(JoinFunction<T1, T2, R> function) {
          return first.keyBy(key1)
              .connect(second.keyBy(key2))
              .transform("Window Join", new WindowJoinOperator<>(key1, key2, assigner, function));
        }
      }
    }
  }
}
