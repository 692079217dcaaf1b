package io.tributary.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A job's command-line arguments: {@code --key value}, {@code --key=value} and flags ({@code --verbose},
 * read as "true"); anything else is positional. Immutable; thread-safe.
 */
public final class JobArgs {
  private final Map<String, String> options;
  private final List<String> positional;

  private JobArgs(Map<String, String> options, List<String> positional) {
    this.options = Collections.unmodifiableMap(options);
    this.positional = List.copyOf(positional);
  }

  public static JobArgs parse(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    List<String> positional = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--") || arg.length() == 2) {
        positional.add(arg);
        continue;
      }
      String body = arg.substring(2);
      int eq = body.indexOf('=');
      if (eq > 0) {
        options.put(body.substring(0, eq), body.substring(eq + 1));
      } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
        options.put(body, args[++i]);
      } else {
        options.put(body, "true");
      }
    }
    return new JobArgs(options, positional);
  }

  public boolean has(String key) {
    return options.containsKey(key);
  }

  public Optional<String> get(String key) {
    return Optional.ofNullable(options.get(key));
  }

  public String get(String key, String defaultValue) {
    return options.getOrDefault(key, defaultValue);
  }

  /** @throws IllegalArgumentException naming the missing option and how to pass it */
  public String required(String key) {
    String value = options.get(key);
    if (value == null) {
      throw new IllegalArgumentException(
          "missing required argument --" + key + "; pass it after the jar, e.g. '--" + key + " <value>'");
    }
    return value;
  }

  public int getInt(String key, int defaultValue) {
    return has(key) ? (int) parseLong(key) : defaultValue;
  }

  public long getLong(String key, long defaultValue) {
    return has(key) ? parseLong(key) : defaultValue;
  }

  /** A flag or an explicit true/false. */
  public boolean getBoolean(String key, boolean defaultValue) {
    return has(key) ? Boolean.parseBoolean(options.get(key)) : defaultValue;
  }

  public List<String> positional() {
    return positional;
  }

  public Map<String, String> toMap() {
    return options;
  }

  private long parseLong(String key) {
    String value = options.get(key);
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("argument --" + key + " must be a whole number, got '" + value + "'", e);
    }
  }

  @Override
  public String toString() {
    return "JobArgs" + options + (positional.isEmpty() ? "" : " " + positional);
  }
}
