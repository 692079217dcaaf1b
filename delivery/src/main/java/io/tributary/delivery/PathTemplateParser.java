package io.tributary.delivery;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.Errors;
import io.tributary.common.error.TributaryException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns a prefix template's text into {@link PathSegment}s, refusing anything it cannot render with
 * the position of the problem and its fix. Stateless and thread-safe.
 *
 * <p>Besides our own spellings it accepts Firehose's ({@code firehose:random-string}, {@code
 * firehose:error-output-type}, {@code partitionKeyFromQuery:k}, {@code partitionKeyFromLambda:k}),
 * so prefixes copied from an existing Firehose configuration keep working.
 */
final class PathTemplateParser {
  static final int MAX_LENGTH = 1024;
  private static final Pattern KEY_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final String EXPRESSIONS =
      "use !{timestamp:<pattern>}, !{partitionKey:<name>}, !{random-string} or !{error-output-type}";

  private PathTemplateParser() {}

  static List<PathSegment> parse(String template, boolean errorPrefix) {
    String what = errorPrefix ? "error prefix" : "prefix";
    if (template.length() > MAX_LENGTH) {
      throw Errors.invalid(what + " is " + template.length() + " characters, more than the maximum "
          + MAX_LENGTH + "; shorten it");
    }
    List<PathSegment> segments = new ArrayList<>();
    int literalStart = 0;
    int at = template.indexOf("!{");
    while (at >= 0) {
      if (at > literalStart) {
        segments.add(new PathSegment.Literal(template.substring(literalStart, at)));
      }
      int close = template.indexOf('}', at + 2);
      if (close < 0) {
        throw invalid(what, template, at, "unclosed '!{'; close the expression with '}'");
      }
      segments.add(expression(what, template, at, template.substring(at + 2, close), errorPrefix));
      literalStart = close + 1;
      at = template.indexOf("!{", literalStart);
    }
    if (literalStart < template.length()) {
      segments.add(new PathSegment.Literal(template.substring(literalStart)));
    }
    return List.copyOf(segments);
  }

  private static PathSegment expression(
      String what, String template, int at, String body, boolean errorPrefix) {
    int colon = body.indexOf(':');
    String name = colon < 0 ? body : body.substring(0, colon);
    String argument = colon < 0 ? null : body.substring(colon + 1);
    switch (name) {
      case "timestamp":
        return timestamp(what, template, at, argument);
      case "partitionKey":
      case "partitionKeyFromQuery":
      case "partitionKeyFromLambda":
        return partitionKey(what, template, at, argument, errorPrefix);
      case "random-string":
        return new PathSegment.RandomString();
      case "error-output-type":
        return errorType(what, template, at, errorPrefix);
      case "firehose":
        if ("random-string".equals(argument)) {
          return new PathSegment.RandomString();
        }
        if ("error-output-type".equals(argument)) {
          return errorType(what, template, at, errorPrefix);
        }
        break;
      default:
        break;
    }
    throw invalid(what, template, at, "unknown expression '!{" + body + "}'; " + EXPRESSIONS);
  }

  private static PathSegment timestamp(String what, String template, int at, String pattern) {
    if (pattern == null || pattern.isEmpty()) {
      throw invalid(what, template, at,
          "!{timestamp} needs a date pattern; write e.g. !{timestamp:yyyy/MM/dd/HH}");
    }
    try {
      DateTimeFormatter formatter =
          DateTimeFormatter.ofPattern(pattern, Locale.ROOT).withZone(ZoneOffset.UTC);
      formatter.format(Instant.EPOCH); // some patterns fail only when formatting
      return new PathSegment.Timestamp(pattern, formatter);
    } catch (IllegalArgumentException | DateTimeException e) {
      throw new TributaryException(ErrorCode.INVALID_ARGUMENT,
          message(what, template, at, "invalid date pattern '" + pattern + "' (" + e.getMessage()
              + "); use java.time.format.DateTimeFormatter letters, e.g. yyyy/MM/dd/HH"), e);
    }
  }

  private static PathSegment partitionKey(
      String what, String template, int at, String name, boolean errorPrefix) {
    if (errorPrefix) {
      throw invalid(what, template, at, "partition keys cannot be used in an error prefix, since"
          + " failed records may lack them; remove the !{partitionKey:...} expression");
    }
    if (name == null || name.isEmpty()) {
      throw invalid(what, template, at,
          "!{partitionKey} needs a key name; write e.g. !{partitionKey:customer}");
    }
    if (!KEY_NAME.matcher(name).matches()) {
      throw invalid(what, template, at, "partition key name '" + name
          + "' is not 1-64 letters, digits, '_', '.' or '-'; rename the key");
    }
    return new PathSegment.PartitionKey(name);
  }

  private static PathSegment errorType(String what, String template, int at, boolean errorPrefix) {
    if (!errorPrefix) {
      throw invalid(what, template, at, "!{error-output-type} is only allowed in an error prefix;"
          + " move it to --error-prefix");
    }
    return new PathSegment.ErrorType();
  }

  private static TributaryException invalid(String what, String template, int at, String problem) {
    return Errors.invalid(message(what, template, at, problem));
  }

  private static String message(String what, String template, int at, String problem) {
    return what + " '" + template + "' at position " + at + ": " + problem;
  }
}
