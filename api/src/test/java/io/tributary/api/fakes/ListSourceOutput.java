package io.tributary.api.fakes;

import io.tributary.api.operators.Timestamps;
import io.tributary.api.sources.InputStatus;
import io.tributary.api.sources.SourceOutput;
import io.tributary.api.sources.SourceReader;
import java.util.ArrayList;
import java.util.List;

/** Collects what a source reader emits. Confined to the test thread. */
public final class ListSourceOutput<T> implements SourceOutput<T> {
  public final List<T> values = new ArrayList<>();
  public final List<Long> timestamps = new ArrayList<>();

  /** Polls until the reader ends; fails instead of spinning forever when it never does. */
  public static <T> List<T> drain(SourceReader<T> reader) throws Exception {
    ListSourceOutput<T> output = new ListSourceOutput<>();
    for (int polls = 0; polls < 1_000_000; polls++) {
      if (reader.pollNext(output) == InputStatus.END_OF_INPUT) {
        return output.values;
      }
    }
    throw new AssertionError("reader did not end after a million polls");
  }

  @Override
  public void collect(T value) {
    collect(value, Timestamps.NONE);
  }

  @Override
  public void collect(T value, long timestamp) {
    values.add(value);
    timestamps.add(timestamp);
  }
}
