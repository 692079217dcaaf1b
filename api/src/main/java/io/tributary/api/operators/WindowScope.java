package io.tributary.api.operators;

import io.tributary.api.functions.OutputTag;
import io.tributary.api.windowing.Window;

/** What a window function sees of the window being fired. Confined to the subtask's thread. */
interface WindowScope<W extends Window> {
  W window();

  long currentWatermark();

  long currentProcessingTime();

  <X> void output(OutputTag<X> tag, X value);
}
