package io.tributary.cli.delivery;

import io.tributary.common.time.Durations;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parsers of delivery command options; a value they reject is a usage error. Stateless. */
final class DeliveryConverters {
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([a-zA-Z]*)");
  private static final Map<String, Long> UNITS = Map.of("", 1L, "b", 1L, "kib", 1L << 10, "mib", 1L << 20,
      "gib", 1L << 30, "kb", 1_000L, "mb", 1_000_000L, "gb", 1_000_000_000L);

  private DeliveryConverters() {}

  /** A byte count: {@code 1048576}, {@code 5MiB}, {@code 64KiB}, {@code 1GiB} (or decimal kB/MB/GB). */
  static final class SizeConverter implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      return size(value);
    }
  }

  /** A duration such as {@code 300s}, {@code 5m}, {@code 0s} or {@code 500ms}. */
  static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return duration(value);
    }
  }

  static long size(String value) {
    Matcher m = SIZE.matcher(value == null ? "" : value.trim());
    Long unit = m.matches() ? UNITS.get(m.group(2).toLowerCase(Locale.ROOT)) : null;
    if (unit == null) {
      throw new TypeConversionException("'" + value + "' is not a size; write bytes (1048576) or a number with"
          + " KiB, MiB or GiB (5MiB)");
    }
    try {
      return Math.multiplyExact(Long.parseLong(m.group(1)), unit);
    } catch (ArithmeticException | NumberFormatException e) {
      throw new TypeConversionException("'" + value + "' is too large a size");
    }
  }

  static Duration duration(String value) {
    try {
      return Durations.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage() + "; e.g. 300s, 5m or 0s");
    }
  }

  /** Splits {@code KEY=VALUE} at the first '='; {@code what} names the option in the error. */
  static Map.Entry<String, String> keyValue(String text, String what, String form) {
    int at = text.indexOf('=');
    if (at <= 0) {
      throw new TypeConversionException("'" + text + "' is not " + form + "; write " + what + " " + form);
    }
    return Map.entry(text.substring(0, at).trim(), text.substring(at + 1));
  }
}
