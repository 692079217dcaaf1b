package io.tributary.delivery;

import io.tributary.common.error.Errors;
import java.util.Locale;

/** The format of a delivery stream's objects, with its file extension. Immutable. */
public enum OutputFormat {
  /** The records as written, one per line. */
  JSON(".json"),
  PARQUET(".parquet");

  private final String extension;

  OutputFormat(String extension) {
    this.extension = extension;
  }

  public String extension() {
    return extension;
  }

  /** Parses the CLI spelling ({@code json}, {@code parquet}), ignoring case. */
  public static OutputFormat parse(String text) {
    for (OutputFormat format : values()) {
      if (format.name().equalsIgnoreCase(text)) {
        return format;
      }
    }
    throw Errors.invalid("unknown format '" + text + "'; use --format json or --format parquet");
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
