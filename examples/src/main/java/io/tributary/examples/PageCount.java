package io.tributary.examples;

/** Clicks on one page in the one-minute window starting at {@code windowStart}. Immutable. */
public record PageCount(long windowStart, String page, long count) {}
