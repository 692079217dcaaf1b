package io.tributary.examples;

/** The page at {@code rank} (1 = most clicked) of a window. Immutable. */
public record TopPage(long windowStart, int rank, String page, long count) {
  /** {@code windowStart<TAB>rank<TAB>page<TAB>count}, as written to the output stream. */
  public String line() {
    return windowStart + "\t" + rank + "\t" + page + "\t" + count;
  }

  @Override
  public String toString() {
    return line();
  }
}
