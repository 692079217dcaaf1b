package io.tributary.delivery.destination;

import io.tributary.common.error.Errors;
import io.tributary.common.time.Durations;
import io.tributary.delivery.spec.DeliverySpec;
import io.tributary.delivery.spec.DestinationOptions;
import io.tributary.delivery.spec.DestinationUri;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/** Opens, checks and probes destinations by kind. Stateless. */
public final class Destinations {
  static final Duration DEFAULT_HTTP_TIMEOUT = Duration.ofSeconds(30);
  /** How long one S3 call or JDBC statement may take before the attempt counts as failed. */
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  /** Headers the JDK HTTP client sets itself and refuses from callers. */
  private static final Set<String> RESTRICTED_HEADERS = Set.of("connection", "content-length", "expect", "host",
      "upgrade");
  private static final List<String> S3_KEYS = List.of(DestinationOptions.S3_ENDPOINT, DestinationOptions.S3_REGION,
      DestinationOptions.S3_ACCESS_KEY_ID, DestinationOptions.S3_SECRET_ACCESS_KEY, DestinationOptions.S3_PATH_STYLE);
  private static final List<String> JDBC_KEYS = List.of(DestinationOptions.JDBC_USER,
      DestinationOptions.JDBC_PASSWORD, DestinationOptions.JDBC_TABLE, DestinationOptions.JDBC_COLUMNS);

  private Destinations() {}

  /** A destination for {@code uri} configured by {@code options}. */
  public static Destination open(DestinationUri uri, Map<String, String> options) {
    return open(uri, options, Clock.systemUTC());
  }

  /** As {@link #open(DestinationUri, Map)}, with the clock HTTP request timestamps come from. */
  public static Destination open(DestinationUri uri, Map<String, String> options, Clock clock) {
    validateOptions(uri, options);
    return switch (uri.kind()) {
      case FILE -> new FileDestination(Path.of(uri.location()), uri.uri());
      case S3 -> new S3Destination(S3Clients.build(options, CALL_TIMEOUT), uri);
      case HTTP -> new HttpDestination(URI.create(uri.location()), httpHeaders(options), httpTimeout(options), clock);
      case JDBC -> new JdbcDestination(uri.location(), jdbcProperties(options, CALL_TIMEOUT),
          options.get(DestinationOptions.JDBC_TABLE), jdbcColumns(options));
    };
  }

  /** Refuses options that do not fit the destination (unknown keys, JDBC without table or columns). */
  public static void validateOptions(DestinationUri uri, Map<String, String> options) {
    for (String key : options.keySet()) {
      if (!accepts(uri.kind(), key)) {
        throw Errors.invalid("option '" + key + "' does not apply to " + uri.scheme() + " destinations; "
            + acceptedKeys(uri.kind()));
      }
    }
    switch (uri.kind()) {
      case FILE -> { }
      case S3 -> validateS3(options);
      case HTTP -> {
        httpTimeout(options);
        httpHeaders(options);
      }
      case JDBC -> {
        jdbcTable(options);
        jdbcColumns(options);
      }
    }
  }

  /**
   * Checks a delivery stream's options: one set configures both its destination and its error
   * destination, so each option must apply to one of them, and each gets the options of its kind.
   */
  public static void validateOptions(DeliverySpec spec) {
    DestinationUri target = spec.destinationUri();
    DestinationUri errors = spec.errorDestinationUri();
    for (String key : spec.options().keySet()) {
      if (!accepts(target.kind(), key) && !accepts(errors.kind(), key)) {
        throw Errors.invalid("option '" + key + "' does not apply to " + target.scheme() + " destinations"
            + (errors.kind() == target.kind() ? "" : " nor to " + errors.scheme() + " error destinations") + "; "
            + acceptedKeys(target.kind()) + (errors.kind() == target.kind() ? "" : "; for the error destination "
            + acceptedKeys(errors.kind())));
      }
    }
    validateOptions(target, optionsFor(target, spec.options()));
    if (errors.kind() != target.kind()) {
      validateOptions(errors, optionsFor(errors, spec.options()));
    }
  }

  /** The options of a delivery stream that apply to {@code uri}'s kind of destination. */
  public static Map<String, String> optionsFor(DestinationUri uri, Map<String, String> options) {
    Map<String, String> own = new java.util.TreeMap<>();
    options.forEach((key, value) -> {
      if (accepts(uri.kind(), key)) {
        own.put(key, value);
      }
    });
    return own;
  }

  /** A warning when the destination cannot be reached now (creation goes on: it may come up later). */
  public static Optional<String> probe(DestinationUri uri, Map<String, String> options, Duration timeout) {
    validateOptions(uri, options);
    return DestinationProbe.problem(uri, options, timeout).map(cause -> "destination " + uri.uri()
        + " is not reachable now (" + cause + "); records will be buffered and delivered when it is");
  }

  private static boolean accepts(DestinationUri.Kind kind, String key) {
    return switch (kind) {
      case FILE -> false;
      case S3 -> S3_KEYS.contains(key);
      case HTTP -> key.equals(DestinationOptions.HTTP_TIMEOUT)
          || key.startsWith(DestinationOptions.HTTP_HEADER_PREFIX);
      case JDBC -> JDBC_KEYS.contains(key);
    };
  }

  private static String acceptedKeys(DestinationUri.Kind kind) {
    return switch (kind) {
      case FILE -> "file destinations take no options";
      case S3 -> "accepted: " + String.join(", ", S3_KEYS);
      case HTTP -> "accepted: " + DestinationOptions.HTTP_TIMEOUT + ", " + DestinationOptions.HTTP_HEADER_PREFIX
          + "NAME";
      case JDBC -> "accepted: " + String.join(", ", JDBC_KEYS);
    };
  }

  private static void validateS3(Map<String, String> options) {
    String endpoint = options.get(DestinationOptions.S3_ENDPOINT);
    if (endpoint != null && !isHttpUrl(endpoint)) {
      throw Errors.invalid("option " + DestinationOptions.S3_ENDPOINT + "='" + endpoint + "' is not an http(s)"
          + " URL; give the store's URL, e.g. http://127.0.0.1:9000");
    }
    String pathStyle = options.get(DestinationOptions.S3_PATH_STYLE);
    if (pathStyle != null && !pathStyle.equals("true") && !pathStyle.equals("false")) {
      throw Errors.invalid("option " + DestinationOptions.S3_PATH_STYLE + "='" + pathStyle + "' is not true or false");
    }
    boolean key = options.containsKey(DestinationOptions.S3_ACCESS_KEY_ID);
    boolean secret = options.containsKey(DestinationOptions.S3_SECRET_ACCESS_KEY);
    if (key != secret) {
      throw Errors.invalid("S3 credentials need both " + DestinationOptions.S3_ACCESS_KEY_ID + " and "
          + DestinationOptions.S3_SECRET_ACCESS_KEY + ", or neither (the SDK's default credentials)");
    }
  }

  private static boolean isHttpUrl(String text) {
    try {
      URI u = new URI(text);
      return u.getHost() != null && ("http".equals(u.getScheme()) || "https".equals(u.getScheme()));
    } catch (URISyntaxException e) {
      return false;
    }
  }

  static Duration httpTimeout(Map<String, String> options) {
    String text = options.get(DestinationOptions.HTTP_TIMEOUT);
    if (text == null) {
      return DEFAULT_HTTP_TIMEOUT;
    }
    Duration d;
    try {
      d = Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw Errors.invalid("option " + DestinationOptions.HTTP_TIMEOUT + ": " + e.getMessage());
    }
    if (d.isZero()) {
      throw Errors.invalid("option " + DestinationOptions.HTTP_TIMEOUT + "=" + text + " must be positive, e.g. 30s");
    }
    return d;
  }

  private static Map<String, String> httpHeaders(Map<String, String> options) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (var e : options.entrySet()) {
      if (!e.getKey().startsWith(DestinationOptions.HTTP_HEADER_PREFIX)) {
        continue;
      }
      String name = e.getKey().substring(DestinationOptions.HTTP_HEADER_PREFIX.length());
      if (!HEADER_NAME.matcher(name).matches() || RESTRICTED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
        throw Errors.invalid("option '" + e.getKey() + "' does not name a header that can be set; give "
            + DestinationOptions.HTTP_HEADER_PREFIX + "NAME=VALUE with a header name other than "
            + String.join(", ", RESTRICTED_HEADERS.stream().sorted().toList()));
      }
      if (e.getValue().indexOf('\n') >= 0 || e.getValue().indexOf('\r') >= 0) {
        throw Errors.invalid("option '" + e.getKey() + "' has a line break in its value; give a one-line value");
      }
      headers.put(name, e.getValue());
    }
    return headers;
  }

  private static String jdbcTable(Map<String, String> options) {
    String table = options.get(DestinationOptions.JDBC_TABLE);
    if (table == null || table.isBlank()) {
      throw Errors.invalid("JDBC destinations need the table rows go into; add --option "
          + DestinationOptions.JDBC_TABLE + "=TABLE (or SCHEMA.TABLE)");
    }
    String[] parts = table.split("\\.", -1);
    if (parts.length > 2 || !IDENTIFIER.matcher(parts[0]).matches()
        || (parts.length == 2 && !IDENTIFIER.matcher(parts[1]).matches())) {
      throw Errors.invalid("option " + DestinationOptions.JDBC_TABLE + "='" + table + "' is not a table name;"
          + " give TABLE or SCHEMA.TABLE of letters, digits and '_', not starting with a digit");
    }
    return table;
  }

  static List<String> jdbcColumns(Map<String, String> options) {
    String text = options.get(DestinationOptions.JDBC_COLUMNS);
    if (text == null || text.isBlank()) {
      throw Errors.invalid("JDBC destinations need the columns to fill; add --option "
          + DestinationOptions.JDBC_COLUMNS + "=COL1,COL2 (each filled from the JSON field of the same name)");
    }
    List<String> columns = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String raw : text.split(",", -1)) {
      String c = raw.trim();
      if (!IDENTIFIER.matcher(c).matches()) {
        throw Errors.invalid("option " + DestinationOptions.JDBC_COLUMNS + " has '" + c + "', which is not a"
            + " column name; give comma-separated names of letters, digits and '_', not starting with a digit");
      }
      if (!seen.add(c.toLowerCase(Locale.ROOT))) {
        throw Errors.invalid("option " + DestinationOptions.JDBC_COLUMNS + " names column '" + c + "' twice");
      }
      columns.add(c);
    }
    return columns;
  }

  /** Connection settings: credentials, untyped strings, and bounds on connecting and on each statement. */
  static Properties jdbcProperties(Map<String, String> options, Duration timeout) {
    Properties p = new Properties();
    String user = options.get(DestinationOptions.JDBC_USER);
    String password = options.get(DestinationOptions.JDBC_PASSWORD);
    if (user != null) {
      p.setProperty("user", user);
    }
    if (password != null) {
      p.setProperty("password", password);
    }
    long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
    p.setProperty("stringtype", "unspecified");
    p.setProperty("connectTimeout", Long.toString(Math.min(seconds, 10)));
    p.setProperty("loginTimeout", Long.toString(seconds));
    p.setProperty("socketTimeout", Long.toString(seconds));
    p.setProperty("ApplicationName", "tributary-delivery");
    return p;
  }
}
