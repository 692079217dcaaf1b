package io.tributary.delivery;

import java.time.format.DateTimeFormatter;

/**
 * One parsed piece of a {@link PathTemplate}: literal text or one {@code !{...}} expression.
 * Immutable and thread-safe.
 */
sealed interface PathSegment {
  record Literal(String text) implements PathSegment {}

  /** {@code !{timestamp:<pattern>}}: the formatter already carries UTC. */
  record Timestamp(String pattern, DateTimeFormatter formatter) implements PathSegment {}

  record PartitionKey(String name) implements PathSegment {}

  record RandomString() implements PathSegment {}

  record ErrorType() implements PathSegment {}
}
