package io.tributary.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A parsed output prefix such as {@code events/!{partitionKey:customer}/!{timestamp:yyyy/MM/dd/HH}/},
 * rendered once per object. Immutable and thread-safe.
 *
 * <p>Expressions: {@code !{timestamp:<DateTimeFormatter pattern>}} in UTC, every occurrence from the
 * same instant (the arrival of the object's oldest record, so one object never straddles two
 * folders); {@code !{partitionKey:<name>}}; {@code !{random-string}} (11 letters and digits); and,
 * in error prefixes only, {@code !{error-output-type}}. An empty prefix means {@value
 * #DEFAULT_PREFIX}, an empty error prefix {@value #DEFAULT_ERROR_PREFIX}. Error positions in
 * messages count characters from 0. Partition keys are not allowed in error prefixes: the records
 * sent there are often the ones whose keys could not be found.
 *
 * <p>A partition key that is missing, empty or unsafe as a path segment is not an exception: {@link
 * #render} returns {@link Unresolved} with the reason, and the caller sends the record to the error
 * output as {@link ErrorOutputType#PARTITIONING_FAILED}.
 */
public final class PathTemplate {
  public static final String DEFAULT_PREFIX = "!{timestamp:yyyy/MM/dd/HH}/";
  public static final String DEFAULT_ERROR_PREFIX = "!{error-output-type}/!{timestamp:yyyy/MM/dd/HH}/";
  static final int RANDOM_STRING_LENGTH = 11;
  private static final char[] RANDOM_ALPHABET =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();

  private final String template;
  private final boolean errorPrefix;
  private final List<PathSegment> segments;
  private final List<String> partitionKeyNames;

  private PathTemplate(String template, boolean errorPrefix) {
    this.template = template;
    this.errorPrefix = errorPrefix;
    this.segments = PathTemplateParser.parse(template, errorPrefix);
    List<String> names = new ArrayList<>();
    for (PathSegment segment : segments) {
      if (segment instanceof PathSegment.PartitionKey key && !names.contains(key.name())) {
        names.add(key.name());
      }
    }
    this.partitionKeyNames = List.copyOf(names);
  }

  /** Parses an object prefix; null or empty means {@value #DEFAULT_PREFIX}. */
  public static PathTemplate prefix(String template) {
    return new PathTemplate(isEmpty(template) ? DEFAULT_PREFIX : template, false);
  }

  /** Parses an error-output prefix; null or empty means {@value #DEFAULT_ERROR_PREFIX}. */
  public static PathTemplate errorPrefix(String template) {
    return new PathTemplate(isEmpty(template) ? DEFAULT_ERROR_PREFIX : template, true);
  }

  /** The template text, after defaulting. */
  public String template() {
    return template;
  }

  public boolean isErrorPrefix() {
    return errorPrefix;
  }

  /** The partition keys the template needs, in order of first use, without repeats. */
  public List<String> partitionKeyNames() {
    return partitionKeyNames;
  }

  /**
   * Whether rendering draws from the random source. A delivery that must name its objects the same
   * after recovery seeds that source from the object's identity (see {@link ObjectName}).
   */
  public boolean usesRandom() {
    return segments.stream().anyMatch(PathSegment.RandomString.class::isInstance);
  }

  /**
   * Renders an object prefix.
   *
   * @param oldestArrival the arrival of the object's oldest record; every timestamp uses it
   * @param partitionKeys the object's partition key values by name
   * @param random the source for {@code !{random-string}}
   * @throws IllegalStateException if this is an error prefix (use {@link #renderError})
   */
  public Rendering render(
      Instant oldestArrival, Map<String, String> partitionKeys, RandomGenerator random) {
    if (errorPrefix) {
      throw new IllegalStateException("error prefix '" + template + "' needs an error output type;"
          + " call renderError");
    }
    return renderSegments(oldestArrival, partitionKeys, random, null);
  }

  /** Renders an error prefix for records that failed with {@code type}. */
  public String renderError(Instant oldestArrival, ErrorOutputType type, RandomGenerator random) {
    if (!errorPrefix) {
      throw new IllegalStateException("prefix '" + template + "' is not an error prefix; call render");
    }
    return ((Rendered) renderSegments(oldestArrival, Map.of(), random, type)).path();
  }

  private Rendering renderSegments(
      Instant oldestArrival, Map<String, String> keys, RandomGenerator random, ErrorOutputType type) {
    StringBuilder path = new StringBuilder(template.length() + 32);
    for (PathSegment segment : segments) {
      if (segment instanceof PathSegment.Literal literal) {
        path.append(literal.text());
      } else if (segment instanceof PathSegment.Timestamp timestamp) {
        timestamp.formatter().formatTo(oldestArrival, path);
      } else if (segment instanceof PathSegment.PartitionKey key) {
        String value = keys.get(key.name());
        String problem = PartitionKeyValues.problem(key.name(), value);
        if (problem != null) {
          return new Unresolved(key.name(), problem);
        }
        path.append(value);
      } else if (segment instanceof PathSegment.RandomString) {
        appendRandom(path, random);
      } else {
        path.append(type.pathName());
      }
    }
    return new Rendered(path.toString());
  }

  private static void appendRandom(StringBuilder path, RandomGenerator random) {
    for (int i = 0; i < RANDOM_STRING_LENGTH; i++) {
      path.append(RANDOM_ALPHABET[random.nextInt(RANDOM_ALPHABET.length)]);
    }
  }

  private static boolean isEmpty(String template) {
    return template == null || template.isEmpty();
  }

  @Override
  public String toString() {
    return template;
  }

  /** What {@link #render} produced: a path, or the partition key that prevented one. */
  public sealed interface Rendering permits Rendered, Unresolved {}

  /** The rendered prefix. */
  public record Rendered(String path) implements Rendering {}

  /** The record's partition key {@code keyName} could not be used, for {@code reason}. */
  public record Unresolved(String keyName, String reason) implements Rendering {}
}
