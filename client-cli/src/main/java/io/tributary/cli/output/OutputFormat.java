package io.tributary.cli.output;

/** How a command prints its result: aligned tables for people or one JSON document for scripts. Immutable. */
public enum OutputFormat {
  TABLE,
  JSON
}
