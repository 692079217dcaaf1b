package io.tributary.delivery;

import io.tributary.common.error.Errors;
import java.util.Locale;

/** How a delivery stream compresses its objects, with the file extension it adds. Immutable. */
public enum Compression {
  NONE(""),
  GZIP(".gz"),
  ZSTD(".zst"),
  SNAPPY(".snappy");

  private final String extension;

  Compression(String extension) {
    this.extension = extension;
  }

  /** The extension this codec adds, empty for {@link #NONE}. */
  public String extension() {
    return extension;
  }

  /** Parses the CLI spelling ({@code none}, {@code gzip}, {@code zstd}, {@code snappy}), ignoring case. */
  public static Compression parse(String text) {
    for (Compression compression : values()) {
      if (compression.name().equalsIgnoreCase(text)) {
        return compression;
      }
    }
    throw Errors.invalid(
        "unknown compression '" + text + "'; use --compression none, gzip, zstd or snappy");
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
