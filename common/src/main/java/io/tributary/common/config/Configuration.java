package io.tributary.common.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Resolved configuration of one process. A key's value comes from, in order of precedence: an
 * explicit override (a command-line option), the environment, the YAML file, the key's default.
 * Immutable.
 */
public final class Configuration {
  private final Map<String, String> file;
  private final Map<String, String> env;
  private final Map<String, String> overrides;

  private Configuration(Map<String, String> file, Map<String, String> env, Map<String, String> overrides) {
    this.file = Map.copyOf(file);
    this.env = Map.copyOf(env);
    this.overrides = Map.copyOf(overrides);
  }

  /** Only defaults and overrides: for embedded processes and tests. */
  public static Configuration of(Map<String, String> overrides) {
    return new Configuration(Map.of(), Map.of(), overrides);
  }

  /** Reads {@code yamlFile} (may be null), the process environment and {@code overrides}. */
  public static Configuration load(Path yamlFile, Map<String, String> overrides) {
    return new Configuration(yamlFile == null ? Map.of() : readYaml(yamlFile), System.getenv(), overrides);
  }

  public <T> T get(ConfigKey<T> key) {
    String raw = overrides.get(key.name());
    String source = "command line";
    if (raw == null) {
      raw = env.get(key.envName());
      source = "environment variable " + key.envName();
    }
    if (raw == null) {
      raw = file.get(key.name());
      source = "configuration file";
    }
    if (raw == null) {
      return key.defaultValue();
    }
    try {
      return key.parser().apply(raw.trim());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "invalid value '" + raw + "' for " + key.name() + " (from " + source + "): " + e.getMessage()
              + "; expected " + key.description(), e);
    }
  }

  /** A copy with more overrides on top. */
  public Configuration with(Map<String, String> more) {
    Map<String, String> merged = new HashMap<>(overrides);
    merged.putAll(more);
    return new Configuration(file, env, merged);
  }

  private static Map<String, String> readYaml(Path path) {
    try {
      Object tree = new ObjectMapper(new YAMLFactory()).readValue(Files.readAllBytes(path), Object.class);
      Map<String, String> flat = new LinkedHashMap<>();
      flatten("", tree, flat);
      return flat;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read configuration file " + path + ": " + e.getMessage(), e);
    }
  }

  private static void flatten(String prefix, Object node, Map<String, String> out) {
    if (node instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String key = prefix.isEmpty() ? String.valueOf(e.getKey()) : prefix + "." + e.getKey();
        flatten(key, e.getValue(), out);
      }
    } else if (node != null && !prefix.isEmpty()) {
      out.put(prefix, String.valueOf(node));
    }
  }

  /** The key's value, trimmed; fails naming the key when it is empty. */
  public String requireNonEmpty(ConfigKey<String> key) {
    String value = get(key).trim();
    if (value.isEmpty()) {
      throw invalid(key, value, key.description());
    }
    return value;
  }

  /** The key's value; fails naming the key and the least value when it is smaller. */
  public <T extends Comparable<T>> T requireAtLeast(ConfigKey<T> key, T min) {
    T value = get(key);
    if (value.compareTo(min) < 0) {
      throw invalid(key, value, "use " + min + " or more (" + key.description() + ")");
    }
    return value;
  }

  /** The key's duration; fails naming the key unless it is positive. */
  public java.time.Duration requirePositive(ConfigKey<java.time.Duration> key) {
    java.time.Duration value = get(key);
    if (value.isZero() || value.isNegative()) {
      throw invalid(key, value, "use a positive duration such as 5s");
    }
    return value;
  }

  /** The error for a bad value: the value, the key, its environment variable and the fix. */
  public static IllegalArgumentException invalid(ConfigKey<?> key, Object value, String fix) {
    return new IllegalArgumentException(
        "invalid value '" + value + "' for " + key.name() + " (environment variable " + key.envName() + "): "
            + fix);
  }
}
