package io.tributary.common.config;

import io.tributary.common.time.Durations;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;

/**
 * One configuration key, declared once with its type, default and description. The YAML key
 * ({@code broker.port}), the environment variable ({@code TRIB_BROKER_PORT}) and the command-line
 * override all resolve to it. Immutable.
 */
public record ConfigKey<T>(String name, Function<String, T> parser, T defaultValue, String description) {

  public static ConfigKey<String> string(String name, String defaultValue, String description) {
    return new ConfigKey<>(name, s -> s, defaultValue, description);
  }

  public static ConfigKey<Integer> integer(String name, int defaultValue, String description) {
    return new ConfigKey<>(name, Integer::valueOf, defaultValue, description);
  }

  public static ConfigKey<Long> longValue(String name, long defaultValue, String description) {
    return new ConfigKey<>(name, Long::valueOf, defaultValue, description);
  }

  public static ConfigKey<Boolean> bool(String name, boolean defaultValue, String description) {
    return new ConfigKey<>(name, ConfigKey::parseBoolean, defaultValue, description);
  }

  public static ConfigKey<Duration> duration(String name, Duration defaultValue, String description) {
    return new ConfigKey<>(name, Durations::parse, defaultValue, description);
  }

  /** The environment variable that sets this key. */
  public String envName() {
    return "TRIB_" + name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  private static Boolean parseBoolean(String s) {
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default -> throw new IllegalArgumentException("'" + s + "' is not true or false");
    };
  }
}
