package io.tributary.examples;

import io.tributary.api.functions.Collector;
import io.tributary.api.functions.KeyedProcessFunction;
import io.tributary.api.functions.RuntimeContext;
import io.tributary.api.state.ListState;
import io.tributary.api.state.ListStateDescriptor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Ranks the pages of one window (the key is the window start): collects every page's count of the
 * window in keyed state and, when the watermark passes the window's end, emits the {@code top} most
 * clicked pages, ties broken by page name. Confined to the subtask's thread.
 *
 * <p>Waiting for the watermark is what makes the ranking complete: the window operator emits all
 * counts of a window before it forwards the watermark that fired it, on every channel.
 */
public final class TopPages extends KeyedProcessFunction<Long, PageCount, TopPage> {
  private static final long serialVersionUID = 1L;
  /** Most clicks first, then page names in order. */
  static final Comparator<PageCount> RANKING =
      Comparator.comparingLong(PageCount::count).reversed().thenComparing(PageCount::page);

  private final int top;
  private final long windowSizeMs;
  private transient ListState<PageCount> counts;

  public TopPages(int top, long windowSizeMs) {
    if (top < 1) {
      throw new IllegalArgumentException("--top must be at least 1, got " + top);
    }
    this.top = top;
    this.windowSizeMs = windowSizeMs;
  }

  @Override
  public void open(RuntimeContext context) {
    counts = context.getListState(new ListStateDescriptor<>("page-counts"));
  }

  @Override
  public void processElement(PageCount count, Context ctx, Collector<TopPage> out) {
    counts.add(count);
    ctx.timerService().registerEventTimeTimer(count.windowStart() + windowSizeMs - 1);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<TopPage> out) {
    List<PageCount> all = new ArrayList<>();
    counts.get().forEach(all::add);
    all.sort(RANKING);
    for (int i = 0; i < Math.min(top, all.size()); i++) {
      PageCount c = all.get(i);
      out.collect(new TopPage(c.windowStart(), i + 1, c.page(), c.count()));
    }
    counts.clear();
  }
}
