package io.tributary.examples;

import io.tributary.api.DataStream;
import io.tributary.api.JobArgs;
import io.tributary.api.JobEnvironment;
import io.tributary.api.connectors.StartingPosition;
import io.tributary.api.connectors.StreamRecordSerializer;
import io.tributary.api.connectors.StreamSource;
import io.tributary.api.functions.AggregateFunction;
import io.tributary.api.functions.Collector;
import io.tributary.api.functions.FlatMapFunction;
import io.tributary.api.functions.KeySelector;
import io.tributary.api.functions.ProcessWindowFunction;
import io.tributary.api.time.TimestampAssigner;
import io.tributary.api.time.WatermarkStrategy;
import io.tributary.api.windowing.TimeWindow;
import io.tributary.api.windowing.TumblingEventTimeWindows;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Streaming, in event time: the most clicked pages of every minute. Reads the stream {@code --input}
 * (default {@code clicks}) of lines like {@code {"user":"u1","page":"/home","ts":1700000000000}},
 * counts clicks per page in one-minute tumbling windows of the clicks' own time, ranks each
 * window's pages and writes the top {@code --top N} (default 3; ties broken by page name) to the
 * stream {@code --output} (default {@code top-pages}) as {@code windowStart<TAB>rank<TAB>page<TAB>count}
 * lines; {@code --print} also prints them on the workers' standard output.
 *
 * <p>Clicks may arrive up to {@code --out-of-orderness-ms} (default 5000) out of order; later ones
 * are dropped. A source subtask that reads nothing for {@code --idle-timeout-ms} (default 5000) is
 * idle and does not hold back event time. Malformed lines are skipped. The watermark follows what
 * each source subtask has read, so reading a backlog of several shards in one subtask needs an
 * out-of-orderness that covers how far apart in time the shards are read.
 */
public final class ClickstreamTopPages {
  static final long WINDOW_MS = Duration.ofMinutes(1).toMillis();

  private ClickstreamTopPages() {}

  public static void main(String[] args) throws Exception {
    JobArgs arguments = JobArgs.parse(args);
    String input = arguments.get("input", "clicks");
    String output = arguments.get("output", "top-pages");
    int top = arguments.getInt("top", 3);
    // Event time is assigned as the source reads, so the source's own clock drives watermarks and
    // idleness; a line that is no click keeps its arrival time and is dropped right after.
    WatermarkStrategy<String> watermarks = WatermarkStrategy
        .<String>forBoundedOutOfOrderness(Duration.ofMillis(arguments.getLong("out-of-orderness-ms", 5_000)))
        .withTimestampAssigner(new ClickTime())
        .withIdleness(Duration.ofMillis(arguments.getLong("idle-timeout-ms", 5_000)));

    JobEnvironment env = JobEnvironment.getExecutionEnvironment();
    DataStream<TopPage> topPages = env
        .fromSource(StreamSource.utf8(input, StartingPosition.TRIM_HORIZON), watermarks, "Stream " + input)
        .flatMap(new ParseClicks()).name("Parse clicks")
        .keyBy(new ByPage())
        .window(TumblingEventTimeWindows.of(Duration.ofMillis(WINDOW_MS)))
        .aggregate(new CountClicks(), new ToPageCount()).name("Clicks per page and minute")
        .keyBy(new ByWindow())
        .process(new TopPages(top, WINDOW_MS)).name("Top pages");
    topPages.sinkToStream(output, new TopPageLines());
    if (arguments.getBoolean("print", false)) {
      topPages.print();
    }
    env.execute("clickstream-top-pages");
  }

  /** Drops lines that are not clicks rather than failing the job on them. */
  static final class ParseClicks implements FlatMapFunction<String, Click> {
    private static final long serialVersionUID = 1L;

    @Override
    public void flatMap(String line, Collector<Click> out) {
      Click click = Click.parse(line);
      if (click != null) {
        out.collect(click);
      }
    }
  }

  /** The click's {@code ts}; a line that is no click keeps the record's time. */
  static final class ClickTime implements TimestampAssigner<String> {
    private static final long serialVersionUID = 1L;

    @Override
    public long extractTimestamp(String line, long recordTimestamp) {
      Click click = Click.parse(line);
      return click == null ? recordTimestamp : click.ts();
    }
  }

  static final class ByPage implements KeySelector<Click, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String getKey(Click click) {
      return click.page();
    }
  }

  static final class ByWindow implements KeySelector<PageCount, Long> {
    private static final long serialVersionUID = 1L;

    @Override
    public Long getKey(PageCount count) {
      return count.windowStart();
    }
  }

  static final class CountClicks implements AggregateFunction<Click, Long, Long> {
    private static final long serialVersionUID = 1L;

    @Override
    public Long createAccumulator() {
      return 0L;
    }

    @Override
    public Long add(Click click, Long accumulator) {
      return accumulator + 1;
    }

    @Override
    public Long getResult(Long accumulator) {
      return accumulator;
    }

    @Override
    public Long merge(Long a, Long b) {
      return a + b;
    }
  }

  /** Labels a page's count with its window. */
  static final class ToPageCount extends ProcessWindowFunction<Long, PageCount, String, TimeWindow> {
    private static final long serialVersionUID = 1L;

    @Override
    public void process(String page, Context context, Iterable<Long> counts, Collector<PageCount> out) {
      for (Long count : counts) {
        out.collect(new PageCount(context.window().start(), page, count));
      }
    }
  }

  /** One output record per line, partitioned by window so that a window's ranks share a shard. */
  static final class TopPageLines implements StreamRecordSerializer<TopPage> {
    private static final long serialVersionUID = 1L;

    @Override
    public String partitionKey(TopPage value) {
      return Long.toString(value.windowStart());
    }

    @Override
    public byte[] data(TopPage value) {
      return value.line().getBytes(StandardCharsets.UTF_8);
    }
  }
}
