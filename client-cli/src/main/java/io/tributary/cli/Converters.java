package io.tributary.cli;

import io.tributary.cli.output.OutputFormat;
import io.tributary.client.Position;
import io.tributary.common.time.Durations;
import io.tributary.proto.v1.Acks;
import io.tributary.proto.v1.StreamMode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Option value parsers; a value they reject is a usage error. Stateless. */
public final class Converters {
  private Converters() {}

  /** {@code table} or {@code json}. */
  public static final class OutputConverter implements ITypeConverter<OutputFormat> {
    @Override
    public OutputFormat convert(String value) {
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "table" -> OutputFormat.TABLE;
        case "json" -> OutputFormat.JSON;
        default -> throw new TypeConversionException("'" + value + "' is not an output format; use table or json");
      };
    }
  }

  /** {@code leader} or {@code all}. */
  public static final class AcksConverter implements ITypeConverter<Acks> {
    @Override
    public Acks convert(String value) {
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "leader" -> Acks.ACKS_LEADER;
        case "all" -> Acks.ACKS_ALL;
        default -> throw new TypeConversionException("'" + value + "' is not an ack level; use leader or all");
      };
    }
  }

  /** {@code provisioned} or {@code on-demand}. */
  public static final class ModeConverter implements ITypeConverter<StreamMode> {
    @Override
    public StreamMode convert(String value) {
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "provisioned" -> StreamMode.PROVISIONED;
        case "on-demand" -> StreamMode.ON_DEMAND;
        default -> throw new TypeConversionException(
            "'" + value + "' is not a capacity mode; use provisioned or on-demand");
      };
    }
  }

  /** A duration in whole hours, e.g. {@code 24h} or {@code 7d}. */
  public static final class HoursConverter implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      Duration d;
      try {
        d = Durations.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
      if (d.isZero() || d.toMinutesPart() != 0 || d.toSecondsPart() != 0 || d.toMillisPart() != 0) {
        throw new TypeConversionException(
            "'" + value + "' is not a whole, positive number of hours; use e.g. 24h or 7d");
      }
      if (d.toHours() > Integer.MAX_VALUE) {
        throw new TypeConversionException("'" + value + "' is too long");
      }
      return (int) d.toHours();
    }
  }

  /** A duration such as {@code 5ms}, {@code 2s} or {@code 1m}. */
  public static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return Durations.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** {@code trim-horizon}, {@code latest}, {@code at:SEQ}, {@code after:SEQ} or {@code time:ISO8601}. */
  public static final class PositionConverter implements ITypeConverter<Position> {
    @Override
    public Position convert(String value) {
      String v = value.trim();
      if (v.equalsIgnoreCase("trim-horizon")) {
        return Position.trimHorizon();
      }
      if (v.equalsIgnoreCase("latest")) {
        return Position.latest();
      }
      if (v.startsWith("at:")) {
        return Position.atSequence(sequence(v.substring(3), value));
      }
      if (v.startsWith("after:")) {
        return Position.afterSequence(sequence(v.substring(6), value));
      }
      if (v.startsWith("time:")) {
        return Position.atTimestamp(instant(v.substring(5), value));
      }
      throw new TypeConversionException(
          "'" + value + "' is not a position; use trim-horizon, latest, at:SEQ, after:SEQ or time:ISO8601");
    }

    private static long sequence(String digits, String value) {
      try {
        long n = Long.parseLong(digits);
        if (n >= 0) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below, with the whole value
      }
      throw new TypeConversionException("'" + value + "' needs a sequence number >= 0, e.g. at:42");
    }

    private static Instant instant(String text, String value) {
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException notUtc) {
        try {
          return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
          throw new TypeConversionException(
              "'" + value + "' needs an ISO-8601 time, e.g. time:2026-01-31T12:00:00Z");
        }
      }
    }
  }
}
