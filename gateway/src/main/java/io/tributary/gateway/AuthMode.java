package io.tributary.gateway;

import java.util.Locale;

/** How the gateway treats request signatures. */
public enum AuthMode {
  /** Every request must carry a valid AWS Signature Version 4 made with a configured access key. */
  SIGV4,
  /** Signatures are not checked: anyone who reaches the port may act. For local development only. */
  NONE;

  /** The mode named {@code value} ({@code sigv4} or {@code none}, any case). */
  public static AuthMode parse(String value) {
    String name = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
    for (AuthMode mode : values()) {
      if (mode.name().equals(name)) {
        return mode;
      }
    }
    throw new IllegalArgumentException(
        "auth mode '" + value + "' is unknown; use sigv4 (check signatures) or none (accept unsigned requests)");
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
