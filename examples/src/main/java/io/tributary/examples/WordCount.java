package io.tributary.examples;

import io.tributary.api.JobArgs;
import io.tributary.api.JobEnvironment;
import io.tributary.api.functions.Collector;
import io.tributary.api.functions.FlatMapFunction;
import io.tributary.api.functions.KeySelector;
import io.tributary.api.functions.KeyedProcessFunction;
import io.tributary.api.functions.RuntimeContext;
import io.tributary.api.state.ValueState;
import io.tributary.api.state.ValueStateDescriptor;
import java.util.Locale;

/**
 * Batch word count: {@code --input PATH} (a file, or a directory whose files are all read) and
 * {@code --output DIR}, where each subtask of the sink writes one file of {@code word<TAB>count}
 * lines. Only final counts are written: each word's count lives in keyed state and is emitted by an
 * event-time timer at {@link Long#MAX_VALUE}, which fires when the bounded input ends.
 *
 * <p>Tokenization: a word is a maximal run of letters and digits (Unicode {@link
 * Character#isLetterOrDigit}), lowercased in the root locale; everything else separates words, so
 * "Don't stop-2" is "don", "t", "stop", "2".
 */
public final class WordCount {
  private WordCount() {}

  public static void main(String[] args) throws Exception {
    JobArgs arguments = JobArgs.parse(args);
    String input = arguments.required("input");
    String output = arguments.required("output");
    JobEnvironment env = JobEnvironment.getExecutionEnvironment();
    env.readTextFile(input)
        .flatMap(new Tokenizer()).name("Tokenize")
        .keyBy(new Identity())
        .process(new CountWords()).name("Count")
        .writeAsText(output);
    env.execute("word-count");
  }

  /** Splits a line into lowercase words (see the class comment). */
  static final class Tokenizer implements FlatMapFunction<String, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public void flatMap(String line, Collector<String> out) {
      int start = -1;
      int i = 0;
      while (i <= line.length()) {
        int codePoint = i < line.length() ? line.codePointAt(i) : ' ';
        boolean inWord = Character.isLetterOrDigit(codePoint);
        if (inWord && start < 0) {
          start = i;
        } else if (!inWord && start >= 0) {
          out.collect(line.substring(start, i).toLowerCase(Locale.ROOT));
          start = -1;
        }
        i += i < line.length() ? Character.charCount(codePoint) : 1;
      }
    }
  }

  static final class Identity implements KeySelector<String, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String getKey(String word) {
      return word;
    }
  }

  /**
   * Counts each word in keyed state and emits {@code word<TAB>count} once, when the input ended.
   * Confined to the subtask's thread.
   */
  static final class CountWords extends KeyedProcessFunction<String, String, String> {
    private static final long serialVersionUID = 1L;
    private transient ValueState<Long> count;

    @Override
    public void open(RuntimeContext context) {
      count = context.getState(new ValueStateDescriptor<>("count", 0L));
    }

    @Override
    public void processElement(String word, Context ctx, Collector<String> out) {
      long current = count.value();
      if (current == 0) {
        // The end of a bounded input advances event time to Long.MAX_VALUE, firing this timer once.
        ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
      }
      count.update(current + 1);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out) {
      out.collect(ctx.getCurrentKey() + "\t" + count.value());
      count.clear();
    }
  }
}
