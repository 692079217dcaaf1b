package io.tributary.cli.output;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Formats numbers, sizes, durations and times for people. Stateless and thread-safe. */
public final class Human {
  private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Human() {}

  /** 1536 as "1.5 KiB"; below 1 KiB the exact number of bytes. */
  public static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    double value = n;
    int unit = 0;
    while (value >= 1024 && unit < UNITS.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, value >= 100 ? "%.0f %s" : "%.1f %s", value, UNITS[unit]);
  }

  /** 12345 as "12,345". */
  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** A retention in hours as "24h", or "7d" when it is whole days beyond one. */
  public static String hours(long hours) {
    return hours >= 48 && hours % 24 == 0 ? hours / 24 + "d" : hours + "h";
  }

  /** "350 ms", "12.5 s", "3m 20s", "2h 5m". */
  public static String duration(Duration d) {
    long millis = d.toMillis();
    if (millis < 1000) {
      return millis + " ms";
    }
    if (millis < 60_000) {
      return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
    long seconds = d.toSeconds();
    if (seconds < 3600) {
      return seconds / 60 + "m " + seconds % 60 + "s";
    }
    return seconds / 3600 + "h " + seconds % 3600 / 60 + "m";
  }

  /** An instant as "2026-11-29 10:11:12Z", to the second. */
  public static String time(long epochMillis) {
    return TIME.format(Instant.ofEpochMilli(epochMillis));
  }
}
